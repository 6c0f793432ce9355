package org.peerloop.bot.conversation;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.peerloop.bot.bench.BenchReport;
import org.peerloop.bot.store.RawRate;
import org.peerloop.bot.testing.AppProcess;
import org.peerloop.bot.testing.SimClient;

/**
 * Inbound throughput: N people answering the check-in concurrently through the simulator API
 * against the running app (a child JVM on the embedded file store, durable acknowledgements),
 * compared with the store's raw durable upsert rate at the same thread count in the same run; and
 * latency at a fixed arrival rate of 300 replies/s (measured from each reply's scheduled time, so
 * queueing counts). Run: {@code ./mvnw -B -Pbench -pl bot -am verify -Dtest=InboundBench
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
class InboundBench {

  @Test
  void inboundRepliesPerSecondAndLatency() throws Exception {
    int people = Integer.getInteger("bench.people", 32);
    double seconds = Double.parseDouble(System.getProperty("bench.seconds", "10"));
    int rate = Integer.getInteger("bench.rate", 300);
    Path root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bench-inbound");

    // The raw rate is measured before and after the app, and the ratio uses their mean: on a
    // shared machine one short measurement can be off by a third either way.
    double rawBefore = RawRate.durableUpserts(root.resolve("raw1"), people, seconds / 2, false);

    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    double replies;
    double[] latencies;
    // The test-time filter audit would listen to every command: measure the app as it ships.
    List<String> appArgs = new ArrayList<>();
    appArgs.add(
        "--spring.autoconfigure.exclude=org.peerloop.bot.store.FilterAuditAutoConfiguration");
    // Extra app settings for experiments, e.g. -Dbench.app.args=--peerloop.store.cache-mb=64
    for (String a : System.getProperty("bench.app.args", "").split(" ")) {
      if (!a.isBlank()) {
        appArgs.add(a);
      }
    }
    try (AppProcess app = AppProcess.start(root.resolve("app"), appArgs.toArray(String[]::new))) {
      List<Person> crowd = new ArrayList<>();
      for (int p = 0; p < people; p++) {
        crowd.add(new Person(new SimClient(http, app.baseUrl(), "b" + p), "b" + p));
      }
      for (Person p : crowd) {
        p.next(); // "hi"
        p.next(); // consent: yes
      }
      closedLoop(crowd, 3); // warm-up
      replies = closedLoop(crowd, seconds);
      latencies = openLoop(crowd, rate, seconds);
    }

    double rawAfter = RawRate.durableUpserts(root.resolve("raw2"), people, seconds / 2, false);
    double raw = (rawBefore + rawAfter) / 2;
    double ratio = replies / raw;
    double p50 = percentile(latencies, 50);
    double p99 = percentile(latencies, 99);
    boolean pass = ratio >= 0.25 && replies >= 600 && p99 <= 100;
    new BenchReport("inbound")
        .put("people", people)
        .put("app_args", String.join(" ", appArgs))
        .put("seconds", seconds)
        .put("replies_per_s", round(replies))
        .put("raw_durable_upserts_per_s", round(raw))
        .put("raw_before", round(rawBefore))
        .put("raw_after", round(rawAfter))
        .put("ratio_to_raw", round(ratio))
        .put("fixed_rate_per_s", rate)
        .put("latency_samples", latencies.length)
        .put("p50_ms", round(p50))
        .put("p99_ms", round(p99))
        .put("max_ms", round(latencies.length == 0 ? 0 : latencies[latencies.length - 1]))
        .finish(
            pass,
            "ratio >= 0.25 and >= 600 replies/s; p99 <= 100 ms at " + rate + "/s",
            String.format(
                Locale.ROOT,
                "%d people: %.0f replies/s, raw %.0f upserts/s, ratio %.2f | at %d/s: p50 %.1f ms,"
                    + " p99 %.1f ms",
                people,
                replies,
                raw,
                ratio,
                rate,
                p50,
                p99));
  }

  /** One simulated person stepping through the check-in again and again. */
  static final class Person {
    final SimClient client;
    final String name;
    int step;

    Person(SimClient client, String name) {
      this.client = client;
      this.name = name;
    }

    void next() throws Exception {
      String[] s = ConversationKillNineTest.step(step);
      HttpResponse<String> r = client.post(Map.of(s[0], s[1], "id", name + "-" + step));
      if (r.statusCode() != 202) {
        throw new IllegalStateException("step " + step + " of " + name + ": " + r.statusCode());
      }
      step++;
    }
  }

  private static double closedLoop(List<Person> crowd, double seconds) throws Exception {
    LongAdder done = new LongAdder();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    for (Person p : crowd) {
      threads.add(
          new Thread(
              () -> {
                while (!stop.get()) {
                  try {
                    p.next();
                    done.increment();
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }
              }));
    }
    long start = System.nanoTime();
    threads.forEach(Thread::start);
    Thread.sleep((long) (seconds * 1000));
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    return done.sum() / ((System.nanoTime() - start) / 1e9);
  }

  /** Each person sends on a fixed schedule; a late send's latency counts from its slot. */
  private static double[] openLoop(List<Person> crowd, int rate, double seconds) throws Exception {
    int n = crowd.size();
    long interval = (long) (1e9 * n / rate);
    long start = System.nanoTime() + 100_000_000L;
    int perPerson = (int) (seconds * rate / n);
    double[] all = new double[perPerson * n];
    AtomicInteger at = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Person p = crowd.get(i);
      long offset = interval * i / n;
      threads.add(
          new Thread(
              () -> {
                for (int k = 0; k < perPerson; k++) {
                  long slot = start + offset + k * interval;
                  long wait = slot - System.nanoTime();
                  if (wait > 0) {
                    try {
                      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                  try {
                    p.next();
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                  all[at.getAndIncrement()] = (System.nanoTime() - slot) / 1e6;
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    double[] done = Arrays.copyOf(all, at.get());
    Arrays.sort(done);
    return done;
  }

  private static double percentile(double[] sorted, int p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
