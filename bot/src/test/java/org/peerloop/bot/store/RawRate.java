package org.peerloop.bot.store;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.bson.Document;

/**
 * The store's raw rate for benchmarks in other packages: single-document acknowledged upserts per
 * second on a file store in {@code dir}, each made durable through group commit, from {@code
 * threads} clients.
 */
public final class RawRate {

  private RawRate() {}

  public static double durableUpserts(Path dir, int threads, double seconds, boolean fsync)
      throws InterruptedException {
    try (EmbeddedStore store = EmbeddedStore.open(dir, 0, 1000);
        MongoClient client = MongoClients.create(store.connectionString("bench"));
        GroupCommit commit = new GroupCommit(() -> store.commit(fsync), "raw-rate-commit")) {
      MongoCollection<Document> coll = client.getDatabase("bench").getCollection("raw");
      run(coll, commit, threads, 1.0);
      return run(coll, commit, threads, seconds);
    }
  }

  /**
   * Upserts by {@code _id} over 50,000 keys from {@code threads} clients for {@code seconds}, each
   * followed by {@code durability} when given; answers acknowledged upserts per second.
   */
  static double run(
      MongoCollection<Document> coll, Durability durability, int threads, double seconds)
      throws InterruptedException {
    LongAdder done = new LongAdder();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int seed = t;
      workers.add(
          new Thread(
              () -> {
                for (int i = seed; !stop.get(); i += threads) {
                  coll.updateOne(
                      eq("_id", "k" + (i % 50_000)),
                      Updates.combine(Updates.set("v", i), Updates.inc("n", 1)),
                      new UpdateOptions().upsert(true));
                  if (durability != null) {
                    durability.awaitDurable();
                  }
                  done.increment();
                }
              }));
    }
    long start = System.nanoTime();
    workers.forEach(Thread::start);
    Thread.sleep((long) (seconds * 1000));
    stop.set(true);
    for (Thread w : workers) {
      w.join();
    }
    return done.sum() / ((System.nanoTime() - start) / 1e9);
  }
}
