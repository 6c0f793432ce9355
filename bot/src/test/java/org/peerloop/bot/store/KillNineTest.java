package org.peerloop.bot.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of many concurrent acknowledged writes, then a restart on the same data
 * directory: every write acknowledged through the durable path must be there. A control run without
 * the durable path shows the harness can see a loss.
 */
class KillNineTest {

  static final String COLLECTION = "kill_probe";
  private static final int THREADS = 8;

  @TempDir Path dataDir;

  @Test
  void noAcknowledgedWriteIsLostOverTenKills() throws Exception {
    Random random = new Random(42);
    int acked = 0;
    int lost = 0;
    for (int round = 1; round <= 10; round++) {
      Set<String> ids = runAndKill("durable", "r" + round, 300 + random.nextInt(1500));
      int missing = missing(ids);
      acked += ids.size();
      lost += missing;
      System.out.printf("kill -9 round %d: %d acknowledged, %d lost%n", round, ids.size(), missing);
    }
    System.out.printf(
        "kill -9 durable path: 10 rounds, %d acknowledged writes, %d lost%n", acked, lost);
    assertThat(acked).isGreaterThan(10 * 300);
    assertThat(lost).isZero();
  }

  @Test
  void withoutTheDurablePathAnImmediateKillLosesAcknowledgedWrites() throws Exception {
    int acked = 0;
    int lost = 0;
    for (int round = 1; round <= 3 && lost == 0; round++) {
      Set<String> ids = runAndKill("raw", "c" + round, 3000);
      acked += ids.size();
      lost += missing(ids);
    }
    System.out.printf("kill -9 control (no durable path): %d acknowledged, %d lost%n", acked, lost);
    assertThat(lost).as("the harness must be able to observe a loss").isPositive();
  }

  /** Starts the probe, kills it with SIGKILL once it has acknowledged {@code killAfter} writes. */
  private Set<String> runAndKill(String mode, String run, int killAfter) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path stderr = Files.createTempFile("probe", ".err");
    Process probe =
        new ProcessBuilder(
                java,
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                CrashProbe.class.getName(),
                dataDir.toString(),
                String.valueOf(THREADS),
                mode,
                run)
            .redirectError(stderr.toFile())
            .start();
    Set<String> ids = new HashSet<>();
    CountDownLatch enough = new CountDownLatch(1);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  if (line.startsWith("ACK ")) {
                    synchronized (ids) {
                      ids.add(line.substring(4));
                      if (ids.size() >= killAfter) {
                        enough.countDown();
                      }
                    }
                  }
                }
              } catch (IOException e) {
                // The pipe breaks when the probe dies; what was read is what was acknowledged.
              }
            });
    reader.start();
    boolean reached = enough.await(60, TimeUnit.SECONDS);
    probe.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no final commit
    probe.waitFor(30, TimeUnit.SECONDS);
    reader.join(10_000);
    assertThat(reached)
        .as("probe reached %d acks; stderr: %s", killAfter, Files.readString(stderr))
        .isTrue();
    synchronized (ids) {
      return new HashSet<>(ids);
    }
  }

  /** Restarts the store on the same directory and counts acknowledged ids that are not there. */
  private int missing(Set<String> ids) {
    try (EmbeddedStore store = EmbeddedStore.open(dataDir, 0, 1000);
        MongoClient client = MongoClients.create(store.connectionString("peerloop"))) {
      MongoCollection<Document> acks = client.getDatabase("peerloop").getCollection(COLLECTION);
      List<String> all = new ArrayList<>(ids);
      int found = 0;
      for (int i = 0; i < all.size(); i += 500) {
        found +=
            (int)
                acks.countDocuments(
                    Filters.in("_id", all.subList(i, Math.min(all.size(), i + 500))));
      }
      return ids.size() - found;
    }
  }
}
