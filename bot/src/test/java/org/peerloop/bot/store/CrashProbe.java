package org.peerloop.bot.store;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.io.PrintStream;
import org.bson.Document;
import org.peerloop.bot.PeerLoopApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The process {@link KillNineTest} kills: the real app context on a data directory, with writer
 * threads that upsert, go through the app's {@link Durability} (unless told not to), and only then
 * print {@code ACK id} — the moment the app would acknowledge to a person or a platform.
 *
 * <p>Arguments: data directory, writer threads, {@code durable} or {@code raw}, a run id.
 */
public final class CrashProbe {

  private CrashProbe() {}

  public static void main(String[] args) {
    String dataDir = args[0];
    int threads = Integer.parseInt(args[1]);
    boolean durable = args[2].equals("durable");
    String run = args[3];
    ConfigurableApplicationContext app =
        SpringApplication.run(
            PeerLoopApplication.class,
            "--spring.main.web-application-type=none",
            "--spring.main.banner-mode=off",
            "--logging.level.root=WARN",
            "--peerloop.data-dir=" + dataDir);
    MongoCollection<Document> acks =
        app.getBean(MongoTemplate.class).getCollection(KillNineTest.COLLECTION);
    Durability durability = app.getBean(Durability.class);
    PrintStream out = System.out;
    out.println("READY");
    out.flush();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread writer =
          new Thread(
              () -> {
                for (int i = 0; ; i++) {
                  String id = run + "-" + thread + "-" + i;
                  acks.updateOne(
                      eq("_id", id),
                      Updates.combine(Updates.set("thread", thread), Updates.set("seq", i)),
                      new UpdateOptions().upsert(true));
                  if (durable) {
                    durability.awaitDurable();
                  }
                  synchronized (out) {
                    out.println("ACK " + id);
                    out.flush();
                  }
                }
              },
              "writer-" + t);
      writer.start();
    }
  }
}
