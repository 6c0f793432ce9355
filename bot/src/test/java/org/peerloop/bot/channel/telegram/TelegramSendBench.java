package org.peerloop.bot.channel.telegram;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.CountOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.peerloop.bot.bench.BenchReport;
import org.peerloop.bot.outbox.OutboundMessage;
import org.peerloop.bot.outbox.Outbox;
import org.peerloop.bot.outbox.Priority;
import org.peerloop.bot.outbox.Recipient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Outbound throughput of the Telegram channel: 20,000 messages (10 to each of 2,000 private chats)
 * through {@link Outbox#send} on the embedded file store, sent by the real {@link TelegramSender}
 * to the {@link FakeBotApi} enforcing the same limits the outbox is configured with (1,000/s
 * overall, 1/s per chat, 20/min per group: far above Telegram's 30/s, so the run stays short).
 * Reports the achieved rate against the permitted one, the 429s the pacing provoked, duplicates and
 * the final states recorded. Run: {@code ./mvnw -B -q -Pbench -pl bot -am test
 * -Dtest=TelegramSendBench -Dsurefire.failIfNoSpecifiedTests=false} (sender threads: {@code
 * -Dbench.workers=N}, default 16).
 */
@Tag("bench")
@SpringBootTest
class TelegramSendBench {

  private static final String TOKEN = "7000000001:bench-token";
  private static final int CHATS = 2_000;
  private static final int PER_CHAT = 10;
  private static final int TOTAL = CHATS * PER_CHAT;
  private static final int BATCH = 1_000;
  private static final double PER_SECOND = 1_000;
  private static final double PER_CHAT_PER_SECOND = 1;
  private static final int PER_GROUP_PER_MINUTE = 20;
  private static final long FIRST_CHAT = 100_000_001L;
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private static final int WORKERS = Integer.getInteger("bench.workers", 16);
  private static FakeBotApi fake;

  @Autowired Outbox outbox;
  @Autowired MongoTemplate mongo;

  @DynamicPropertySource
  static void telegram(DynamicPropertyRegistry registry) throws Exception {
    fake = FakeBotApi.start(TOKEN);
    fake.limits(PER_SECOND, PER_CHAT_PER_SECOND, PER_GROUP_PER_MINUTE);
    // The file store, not the in-memory one: every batch and every record waits for a durable
    // commit, as in production.
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bench-telegram");
    registry.add("peerloop.data-dir", dir::toString);
    registry.add("peerloop.telegram.token", () -> TOKEN);
    registry.add("peerloop.telegram.api-url", fake::url);
    // Webhook mode: no long poll running beside the sends. Nothing calls the webhook.
    registry.add("peerloop.telegram.mode", () -> "webhook");
    registry.add("peerloop.public-url", () -> "https://bench.invalid");
    registry.add("peerloop.telegram.webhook-secret", () -> "bench-secret");
    // The test-time filter audit listens to every store command: measure the app as it ships.
    registry.add(
        "spring.autoconfigure.exclude",
        () -> "org.peerloop.bot.store.FilterAuditAutoConfiguration");
    String pacing = "peerloop.outbox.channels.telegram.";
    registry.add(pacing + "per-second", () -> PER_SECOND);
    registry.add(pacing + "per-chat-per-second", () -> PER_CHAT_PER_SECOND);
    registry.add(pacing + "per-group-per-minute", () -> PER_GROUP_PER_MINUTE);
    registry.add(pacing + "workers", () -> WORKERS);
  }

  @AfterAll
  static void stopFake() {
    if (fake != null) {
      fake.close();
    }
  }

  @Test
  void sendsAtThePermittedRate() throws Exception {
    // Round by round, as a broadcast would go out: every batch reaches 1,000 chats, so the
    // per-chat gap never starves the dispatcher while later batches are still being stored.
    List<List<OutboundMessage>> batches = new ArrayList<>();
    List<OutboundMessage> batch = new ArrayList<>();
    Instant created = Instant.now();
    for (int round = 0; round < PER_CHAT; round++) {
      for (int c = 0; c < CHATS; c++) {
        String chat = Long.toString(FIRST_CHAT + c);
        batch.add(
            new OutboundMessage(
                "bench-" + chat + "-" + round,
                new Recipient("telegram:" + chat, "telegram", chat),
                "Bench message " + (round + 1) + " of " + PER_CHAT + " to chat " + chat,
                List.of(),
                Priority.BULK,
                null,
                created));
        if (batch.size() == BATCH) {
          batches.add(batch);
          batch = new ArrayList<>();
        }
      }
    }

    // Timed from before the first batch is stored: its insert and commit come before its
    // release, and are part of what the app pays.
    Instant start = Instant.now();
    long startNanos = System.nanoTime();
    long cpuBefore = processCpuNanos();
    long idleBefore = machineIdleTicks();
    for (List<OutboundMessage> b : batches) {
      outbox.send(b);
    }
    double enqueuedMs = (System.nanoTime() - startNanos) / 1e6;
    long deadline = startNanos + TIMEOUT.toNanos();
    int accepted = 0;
    while (System.nanoTime() < deadline) {
      accepted = fake.sent().size();
      if (accepted >= TOTAL) {
        break;
      }
      Thread.sleep(100);
    }
    List<FakeBotApi.Sent> sent = fake.sent();
    // The fake stamps each acceptance, so the end is exact however coarse the polling is.
    Instant last = sent.isEmpty() ? Instant.now() : sent.get(sent.size() - 1).at();
    Instant first = sent.isEmpty() ? last : sent.get(0).at();
    double elapsed = Duration.between(start, last).toNanos() / 1e9;
    // The machine is shared: how much of it this JVM had, and how much others took meanwhile.
    double wall = (System.nanoTime() - startNanos) / 1e9;
    double jvmCores = (processCpuNanos() - cpuBefore) / 1e9 / wall;
    long idleAfter = machineIdleTicks();
    int cores = Runtime.getRuntime().availableProcessors();
    double machineCores =
        idleBefore < 0 || idleAfter < 0 ? -1 : cores - (idleAfter - idleBefore) / 100.0 / wall;

    // Final states are recorded after the send, in batches: wait for the last ones.
    long logged = 0;
    long pending = -1;
    while (System.nanoTime() < deadline) {
      logged = mongo.getCollection("outbox_log").countDocuments(eq("state", "sent"));
      pending =
          mongo
              .getCollection("outbox")
              .countDocuments(
                  new Document(), new CountOptions().comment("scan-ok: the bench's final check"));
      if (logged >= TOTAL && pending == 0) {
        break;
      }
      Thread.sleep(100);
    }

    // Each record batch stamps its entries with one finishedAt, and costs one durable commit.
    int recorderBatches =
        mongo
            .getCollection("outbox_log")
            .distinct("finishedAt", Date.class)
            .into(new ArrayList<>())
            .size();

    // Acceptances per second of the run: shows a slow start or a stalled tail at a glance.
    List<Integer> perSecond = new ArrayList<>();
    for (FakeBotApi.Sent s : sent) {
      int second = (int) (Duration.between(start, s.at()).toMillis() / 1000);
      while (perSecond.size() <= second) {
        perSecond.add(0);
      }
      perSecond.set(second, perSecond.get(second) + 1);
    }

    double permitted = Math.min(PER_SECOND, CHATS * PER_CHAT_PER_SECOND);
    double achieved = sent.size() / elapsed;
    double ratio = achieved / permitted;
    int tooMany = fake.tooManyRequests();
    // When the 429s came (ms into the run): a burst at the start is the two token buckets
    // disagreeing by the requests in flight; 429s spread over the run would be a pacing bug.
    List<Long> tooManyAtMs =
        fake.calls("sendMessage").stream()
            .filter(c -> c.status() == 429)
            .map(c -> Duration.between(start, c.at()).toMillis())
            .toList();
    int duplicates = fake.duplicates();
    boolean pass =
        ratio >= 0.95 && duplicates == 0 && sent.size() == TOTAL && logged == TOTAL && pending == 0;
    new BenchReport("telegram-send")
        .put("messages", TOTAL)
        .put("chats", CHATS)
        .put("batch", BATCH)
        .put("workers", WORKERS)
        .put("limits", "per-second=1000, per-chat-per-second=1, per-group-per-minute=20")
        .put("accepted", sent.size())
        .put("elapsed_s", round(elapsed))
        .put("enqueue_ms", round(enqueuedMs))
        .put("first_accept_ms", round(Duration.between(start, first).toNanos() / 1e6))
        .put("achieved_per_s", round(achieved))
        .put("permitted_per_s", round(permitted))
        .put("ratio", round(ratio))
        .put("too_many_requests", tooMany)
        .put("too_many_requests_at_ms", tooManyAtMs)
        .put("duplicates", duplicates)
        .put("logged_sent", logged)
        .put("pending_left", pending)
        .put("recorder_batches", recorderBatches)
        .put("jvm_cores_used", round(jvmCores))
        .put("machine_cores_busy", round(machineCores))
        .put("accepted_per_second", perSecond)
        .finish(
            pass,
            "achieved / permitted >= 0.95, 0 duplicates, all " + TOTAL + " sent and logged",
            String.format(
                Locale.ROOT,
                "%d of %d accepted in %.2f s: %.0f/s of %.0f/s permitted, ratio %.3f | 429s %d,"
                    + " duplicates %d, logged sent %d, pending %d | %d workers",
                sent.size(),
                TOTAL,
                elapsed,
                achieved,
                permitted,
                ratio,
                tooMany,
                duplicates,
                logged,
                pending,
                WORKERS));
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * Idle time of all cores in clock ticks (1/100 s) from /proc/stat; -1 where there is none. Idle
   * rather than busy time: the kernel measures idle periods exactly but samples busy time per tick,
   * which misses much of a workload of many short wake-ups like this one.
   */
  private static long machineIdleTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      return Long.parseLong(f[4]) + Long.parseLong(f[5]); // idle, iowait
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
