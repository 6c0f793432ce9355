package org.peerloop.bot.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.peerloop.bot.store.Durability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes final states in batches: one insert into {@code outbox_log} and one delete from {@code
 * outbox} for everything finished meanwhile, then one durable commit, and only then lets each
 * chat's next message go. So a crash can repeat at most the one message per chat that was sent and
 * not yet recorded, and recording costs two writes per batch instead of two per message. A failed
 * write is retried, never skipped: releasing the chat before its record is durable could send the
 * next message twice.
 *
 * <p>Under load, writes start at most every {@link #LINGER}: each write ends in a commit that
 * re-serialises every page it touched, and back to back they record only one or two messages each
 * (the telegram-send benchmark, 1,000 sends a second: 8,000–11,000 commits for 20,000 messages, the
 * commit thread half of all CPU samples; with the linger ~800 commits and a quarter less CPU). A
 * record after a quiet spell is written at once; under load a chat's next message may go up to that
 * much later, next to Telegram's gap of a second per chat.
 */
final class Recorder {

  private static final Logger log = LoggerFactory.getLogger(Recorder.class);
  private static final int MAX_BATCH = 500;
  static final Duration LINGER = Duration.ofMillis(20);

  /** One finished message and what to do once its record is durable. */
  record Entry(
      OutboundMessage message,
      FinalState state,
      String reason,
      int attempts,
      String platformId,
      Runnable then) {}

  private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
  private final OutboxStore store;
  private final Durability durability;
  private final Clock clock;
  private final Thread thread;
  private volatile boolean running = true;

  private final Consumer<List<Entry>> written;

  /** {@code written} hears each batch once it is durable, before the chats move on. */
  Recorder(OutboxStore store, Durability durability, Clock clock, Consumer<List<Entry>> written) {
    this.store = store;
    this.written = written;
    this.durability = durability;
    this.clock = clock;
    this.thread = new Thread(this::run, "outbox-recorder");
    thread.setDaemon(true);
    thread.start();
  }

  void record(
      OutboundMessage message, FinalState state, String reason, int attempts, Runnable then) {
    record(message, state, reason, attempts, null, then);
  }

  void record(
      OutboundMessage message,
      FinalState state,
      String reason,
      int attempts,
      String platformId,
      Runnable then) {
    queue.add(new Entry(message, state, reason, attempts, platformId, then));
  }

  private void run() {
    List<Entry> batch = new ArrayList<>();
    long linger = LINGER.toNanos();
    long lastWrite = System.nanoTime() - linger;
    while (running || !queue.isEmpty()) {
      try {
        Entry first = queue.take();
        batch.add(first);
        TimeUnit.NANOSECONDS.sleep(lastWrite + linger - System.nanoTime());
        queue.drainTo(batch, MAX_BATCH - batch.size());
        lastWrite = System.nanoTime();
      } catch (InterruptedException e) {
        if (!running) {
          queue.drainTo(batch);
          if (batch.isEmpty()) {
            return;
          }
        } else {
          continue;
        }
      }
      write(batch);
      try {
        written.accept(batch);
      } catch (RuntimeException e) {
        log.warn("a delivery listener failed: {}", e.toString());
      }
      batch.forEach(e -> e.then().run());
      batch.clear();
    }
  }

  private void write(List<Entry> batch) {
    for (int attempt = 1; ; attempt++) {
      try {
        Instant now = clock.instant();
        store.finishAll(batch, now);
        durability.awaitDurable();
        return;
      } catch (RuntimeException e) {
        log.warn(
            "outbox could not record {} final states (attempt {}): {}",
            batch.size(),
            attempt,
            e.toString());
        try {
          Thread.sleep(Math.min(5_000, 100L * attempt));
        } catch (InterruptedException interrupted) {
          if (!running) {
            return;
          }
        }
      }
    }
  }

  void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
