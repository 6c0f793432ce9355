package org.peerloop.bot.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.peerloop.bot.bench.BenchReport;

/**
 * The store's raw rate: single-document acknowledged upserts per second on the embedded file store,
 * with and without the durable path (group commit; and with fsync), at 1 and 8 client threads. Run:
 * {@code ./mvnw -B -Pbench -pl bot -am verify -Dtest=StoreUpsertBench
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
class StoreUpsertBench {

  private static final int KEYS = 50_000;

  @Test
  void upsertRates() throws Exception {
    double seconds = Double.parseDouble(System.getProperty("bench.seconds", "3"));
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bench-store");
    Map<String, Object> rates = new LinkedHashMap<>();
    try (EmbeddedStore store = EmbeddedStore.open(dir, 0, 1000);
        MongoClient client = MongoClients.create(store.connectionString("bench"))) {
      MongoCollection<Document> coll = client.getDatabase("bench").getCollection("upserts");
      GroupCommit plain = new GroupCommit(() -> store.commit(false), "bench-commit");
      GroupCommit synced = new GroupCommit(() -> store.commit(true), "bench-commit-fsync");
      RawRate.run(coll, null, 4, 1.0); // warm-up: JIT, connection pool, file growth
      for (int threads : new int[] {1, 8}) {
        rates.put("raw_t" + threads, round(RawRate.run(coll, null, threads, seconds)));
        rates.put("durable_t" + threads, round(RawRate.run(coll, plain, threads, seconds)));
        rates.put("durable_fsync_t" + threads, round(RawRate.run(coll, synced, threads, seconds)));
      }
      plain.close();
      synced.close();
    }
    double raw8 = (double) rates.get("raw_t8");
    double durable1 = (double) rates.get("durable_t1");
    double durable8 = (double) rates.get("durable_t8");
    double sharing = durable8 / durable1;
    double costAt8 = durable8 / raw8;
    BenchReport report = new BenchReport("store-upsert");
    rates.forEach(report::put);
    report.put("durable_t8_over_durable_t1", round(sharing));
    report.put("durable_t8_over_raw_t8", round(costAt8));
    report.put("seconds_per_case", seconds);
    report.finish(
        sharing >= 1.5,
        "durable_t8 / durable_t1 >= 1.5 (concurrent callers share commits; without sharing ~1)",
        String.format(
            Locale.ROOT,
            "upserts/s raw t1=%.0f t8=%.0f | durable t1=%.0f t8=%.0f | fsync t1=%.0f t8=%.0f |"
                + " durable t8/t1=%.2f, durable/raw at t8=%.2f",
            rates.get("raw_t1"),
            raw8,
            durable1,
            durable8,
            rates.get("durable_fsync_t1"),
            rates.get("durable_fsync_t8"),
            sharing,
            costAt8));
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
