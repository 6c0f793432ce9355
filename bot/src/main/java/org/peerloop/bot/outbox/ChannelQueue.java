package org.peerloop.bot.outbox;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The waiting messages of one channel, in one lane per chat. A lane sends one message at a time, so
 * a chat's messages arrive in order and a retry holds back what follows it; lanes whose head is
 * interactive go before lanes whose head is bulk; the channel's token bucket and the per-chat rate
 * pace the whole.
 */
final class ChannelQueue {

  private static final Comparator<Lane> ORDER =
      Comparator.comparing((Lane l) -> l.queue.peekFirst().priority())
          .thenComparingLong(l -> l.readyAt)
          .thenComparingLong(l -> l.seq);

  private static final Comparator<Lane> BY_READY_AT =
      Comparator.comparingLong((Lane l) -> l.readyAt).thenComparingLong(l -> l.seq);

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<String, Lane> lanes = new HashMap<>();
  // Lanes with a message to send: those whose pacing gap or retry wait has not passed yet, by
  // time, and those that may send now, by priority. Kept apart so that a lane still waiting never
  // holds back a ready lane of lower priority.
  private final PriorityQueue<Lane> waiting = new PriorityQueue<>(BY_READY_AT);
  private final PriorityQueue<Lane> ready = new PriorityQueue<>(ORDER);
  private final TokenBucket bucket;
  private final long perChatGapNanos;
  private final long perGroupGapNanos;
  private final Predicate<String> group;
  private long seq;
  private long idleReleases;
  private int queued;

  ChannelQueue(double perSecond, double perChatPerSecond) {
    this(perSecond, perChatPerSecond, 0, address -> false);
  }

  /**
   * {@code group} tells group chats by address; a group's messages are spaced evenly at its
   * per-minute rate (stricter than a sliding minute, and never a burst the platform refuses).
   */
  ChannelQueue(
      double perSecond,
      double perChatPerSecond,
      double perGroupPerMinute,
      Predicate<String> group) {
    this.bucket = new TokenBucket(perSecond, System.nanoTime());
    this.perChatGapNanos = perChatPerSecond <= 0 ? 0 : (long) (1e9 / perChatPerSecond);
    this.perGroupGapNanos =
        Math.max(perChatGapNanos, perGroupPerMinute <= 0 ? 0 : (long) (60e9 / perGroupPerMinute));
    this.group = group;
  }

  /** One message taken for sending; hand it back through {@link #done}. */
  record Job(Lane lane, OutboundMessage message, int attempt) {}

  static final class Lane {
    final String key;
    long gapNanos;
    final Deque<OutboundMessage> queue = new ArrayDeque<>();
    long readyAt;
    long gapUntil; // the per-chat gap after this chat's last send
    long seq;
    int attempts;
    boolean busy;
    boolean inReady;

    Lane(String key) {
      this.key = key;
    }
  }

  void add(OutboundMessage message) {
    lock.lock();
    try {
      Lane lane =
          lanes.computeIfAbsent(
              message.to().lane(),
              k -> {
                Lane l = new Lane(k);
                l.gapNanos =
                    group.test(message.to().address()) ? perGroupGapNanos : perChatGapNanos;
                return l;
              });
      lane.queue.addLast(message);
      queued++;
      if (!lane.busy && !lane.inReady) {
        lane.readyAt = Math.max(System.nanoTime(), lane.readyAt);
        schedule(lane);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Blocks until a lane may send and the channel has a token; answers its head message. */
  Job take() throws InterruptedException {
    lock.lock();
    try {
      while (true) {
        long now = System.nanoTime();
        while (!waiting.isEmpty() && waiting.peek().readyAt <= now) {
          ready.add(waiting.poll());
        }
        Lane head = ready.peek();
        if (head == null) {
          if (waiting.isEmpty()) {
            changed.await();
          } else {
            changed.awaitNanos(waiting.peek().readyAt - now);
          }
          continue;
        }
        long wait = bucket.waitNanos(now);
        if (wait > 0) {
          changed.awaitNanos(wait);
          continue;
        }
        ready.poll();
        head.inReady = false;
        head.busy = true;
        bucket.take(now);
        return new Job(head, head.queue.peekFirst(), head.attempts + 1);
      }
    } finally {
      lock.unlock();
    }
  }

  /** The head of the job's lane was sent or failed for good: the next may go after the gap. */
  void finished(Job job) {
    lock.lock();
    try {
      job.lane().gapUntil = System.nanoTime() + job.lane().gapNanos;
      complete(job, job.lane().gapUntil);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The head of the job's lane was not sent at all (the person stopped): its channel token is given
   * back, and the chat's next message waits only for the gap left by the last real send.
   */
  void skipped(Job job) {
    lock.lock();
    try {
      bucket.refund();
      complete(job, Math.max(System.nanoTime(), job.lane().gapUntil));
    } finally {
      lock.unlock();
    }
  }

  private void complete(Job job, long nextReadyAt) {
    Lane lane = job.lane();
    lane.queue.pollFirst();
    queued--;
    lane.attempts = 0;
    release(lane, nextReadyAt);
  }

  /**
   * The head of the job's lane must wait and be tried again; never sooner than the chat's gap,
   * since the failed attempt may have reached the platform.
   */
  void retry(Job job, long afterNanos) {
    lock.lock();
    try {
      Lane lane = job.lane();
      lane.attempts++;
      lane.gapUntil = System.nanoTime() + lane.gapNanos;
      release(lane, System.nanoTime() + Math.max(afterNanos, lane.gapNanos));
    } finally {
      lock.unlock();
    }
  }

  /** Empties the job's lane (the person is gone); answers what was dropped, head included. */
  List<OutboundMessage> drop(Job job) {
    lock.lock();
    try {
      Lane lane = job.lane();
      List<OutboundMessage> dropped = List.copyOf(lane.queue);
      queued -= lane.queue.size();
      lane.queue.clear();
      release(lane, System.nanoTime());
      return dropped;
    } finally {
      lock.unlock();
    }
  }

  int size() {
    lock.lock();
    try {
      return queued;
    } finally {
      lock.unlock();
    }
  }

  private void release(Lane lane, long readyAt) {
    lane.busy = false;
    lane.readyAt = readyAt;
    if (!lane.queue.isEmpty()) {
      schedule(lane);
    } else if (++idleReleases % 4096 == 0) {
      // An idle lane remembers its chat's pacing gap; forget the ones whose gap has passed.
      long now = System.nanoTime();
      lanes.values().removeIf(l -> l.queue.isEmpty() && !l.busy && l.readyAt <= now);
    }
  }

  private void schedule(Lane lane) {
    lane.seq = seq++;
    lane.inReady = true;
    waiting.add(lane);
    changed.signalAll();
  }
}
