package org.peerloop.bot.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.peerloop.bot.ops.Redact;
import org.peerloop.bot.store.Durability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends what the outbox releases: per channel a {@link ChannelQueue} and a few sender threads. Each
 * send ends in a final state (sent / failed with reason / skipped because the person stopped) or a
 * paced retry; nothing is retried forever.
 */
@Component
class Dispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  private final Map<String, ChannelSender> senders;
  private final Map<String, ChannelQueue> queues = new ConcurrentHashMap<>();
  private final OutboxProperties properties;
  private final OutboxStore store;
  private final RecipientStatus recipients;
  private final Clock clock;
  private final List<Thread> workers = new ArrayList<>();
  private final Recorder recorder;
  private final RecentIds known = new RecentIds(100_000);
  private final Durability durability;
  private final List<SendGate> gates;
  private final List<DeliveryListener> listeners;
  // At-most-once messages this instance claimed and has not finished: retried without a new claim.
  private final Set<String> claimed = ConcurrentHashMap.newKeySet();
  // Claimed, but the commit that makes the claim durable failed: made durable before the send.
  private final Set<String> unsure = ConcurrentHashMap.newKeySet();
  private volatile boolean running;

  Dispatcher(
      List<ChannelSender> senders,
      OutboxProperties properties,
      OutboxStore store,
      RecipientStatus recipients,
      Durability durability,
      Clock clock,
      List<SendGate> gates,
      List<DeliveryListener> listeners) {
    this.senders =
        senders.stream().collect(Collectors.toMap(ChannelSender::channel, Function.identity()));
    this.properties = properties;
    this.store = store;
    this.recipients = recipients;
    this.clock = clock;
    this.durability = durability;
    this.gates = List.copyOf(gates);
    this.listeners = List.copyOf(listeners);
    this.recorder = new Recorder(store, durability, clock, this::tell);
    this.senders.keySet().forEach(this::queue);
  }

  private void tell(List<Recorder.Entry> batch) {
    if (listeners.isEmpty()) {
      return;
    }
    List<Delivery> deliveries = new ArrayList<>(batch.size());
    for (Recorder.Entry e : batch) {
      deliveries.add(
          new Delivery(e.message().id(), e.message().to(), e.state(), e.reason(), e.platformId()));
    }
    for (DeliveryListener l : listeners) {
      l.finished(deliveries);
    }
  }

  /**
   * An at-most-once message found claimed at recovery: it was being sent when the app stopped, so
   * it may have arrived. It is recorded as unknown and never sent again.
   */
  void unknown(OutboundMessage message) {
    recorder.record(
        message,
        FinalState.UNKNOWN,
        "the app stopped while it was being sent",
        1,
        () -> finished(message.id()));
  }

  /**
   * Queues a message for its chat. An id already queued, in flight or recently finished is ignored:
   * a replayed cause releases the same ids again. (After a restart, recovery checks the log
   * instead.)
   */
  void submit(OutboundMessage message) {
    RecentIds.Seen seen = known.add(message.id());
    if (seen == RecentIds.Seen.FINISHED) {
      store.discard(message.id()); // the replay stored it as pending again
    }
    if (seen != RecentIds.Seen.NEW) {
      return;
    }
    if (!senders.containsKey(message.to().channel())) {
      recorder.record(
          message,
          FinalState.FAILED,
          "channel " + message.to().channel() + " is not configured",
          0,
          () -> finished(message.id()));
      return;
    }
    queue(message.to().channel()).add(message);
  }

  /** After a message's record is durable: forget it, and drop a pending copy a replay stored. */
  private void finished(String id) {
    if (known.finish(id)) {
      try {
        store.discard(id);
      } catch (RuntimeException e) {
        // Harmless if it stays: recovery finds it in the log and discards it then.
        log.warn("outbox could not drop a replayed pending entry: {}", e.toString());
      }
    }
  }

  int queued() {
    return queues.values().stream().mapToInt(ChannelQueue::size).sum();
  }

  private ChannelQueue queue(String channel) {
    return queues.computeIfAbsent(
        channel,
        c -> {
          OutboxProperties.Pacing p = properties.pacing(c);
          ChannelSender sender = senders.get(c);
          return new ChannelQueue(
              p.perSecond(),
              p.perChatPerSecond(),
              p.perGroupPerMinute(),
              sender == null ? address -> false : sender::group);
        });
  }

  @Override
  public void start() {
    running = true;
    senders.forEach(
        (channel, sender) -> {
          int n = Math.max(1, properties.pacing(channel).workers());
          for (int i = 0; i < n; i++) {
            Thread t =
                new Thread(() -> work(sender, queue(channel)), "outbox-" + channel + "-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
          }
        });
  }

  private void work(ChannelSender sender, ChannelQueue queue) {
    while (running) {
      ChannelQueue.Job job;
      try {
        job = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      handle(sender, queue, job);
    }
  }

  /** Records the job's message as finished; its chat moves on once the record is durable. */
  private void finish(
      ChannelQueue queue, ChannelQueue.Job job, FinalState state, String reason, int attempts) {
    finish(queue, job, state, reason, attempts, null);
  }

  private void finish(
      ChannelQueue queue,
      ChannelQueue.Job job,
      FinalState state,
      String reason,
      int attempts,
      String platformId) {
    forget(job.message().id());
    recorder.record(
        job.message(),
        state,
        reason,
        attempts,
        platformId,
        () -> {
          finished(job.message().id());
          queue.finished(job);
        });
  }

  private void forget(String id) {
    claimed.remove(id);
    unsure.remove(id);
  }

  /** Ends a job that never reached the platform: skipped, its token given back. */
  private void skip(ChannelQueue queue, ChannelQueue.Job job, String reason) {
    OutboundMessage message = job.message();
    forget(message.id());
    recorder.record(
        message,
        FinalState.SKIPPED,
        reason,
        job.attempt() - 1,
        () -> {
          finished(message.id());
          queue.skipped(job);
        });
  }

  /**
   * Before an at-most-once message goes: asks the gates, then claims it durably. Answers false when
   * it must not go; the job is then already dealt with.
   */
  private boolean mayGo(ChannelQueue queue, ChannelQueue.Job job) {
    OutboundMessage message = job.message();
    for (SendGate gate : gates) {
      String refused = gate.refuse(message);
      if (refused != null) {
        skip(queue, job, refused);
        return false;
      }
    }
    if (claimed.contains(message.id())) {
      // A retry after the platform refused it, or after the claim's commit failed: our claim
      // stands, once it is durable.
      if (unsure.contains(message.id())) {
        try {
          durability.awaitDurable();
          unsure.remove(message.id());
        } catch (RuntimeException e) {
          queue.retry(job, Duration.ofSeconds(1).toNanos());
          return false;
        }
      }
      return true;
    }
    OutboxStore.Claim claim;
    try {
      claim = store.claim(message.id(), clock.instant());
    } catch (RuntimeException e) {
      // Not sent. If the claim was written after all, the next try finds it taken and leaves the
      // message to recovery, which counts it unknown: never a send without a durable claim.
      log.warn("outbox could not claim an at-most-once message: {}", e.toString());
      queue.retry(job, Duration.ofSeconds(1).toNanos());
      return false;
    }
    if (claim == OutboxStore.Claim.CLAIMED) {
      claimed.add(message.id());
      try {
        durability.awaitDurable();
      } catch (RuntimeException e) {
        log.warn("outbox could not make a claim durable: {}", e.toString());
        unsure.add(message.id());
        queue.retry(job, Duration.ofSeconds(1).toNanos());
        return false;
      }
      return true;
    }
    // Another sender has it, or it finished: leave its record to whoever owns it.
    known.finish(message.id());
    queue.skipped(job);
    return false;
  }

  private void handle(ChannelSender sender, ChannelQueue queue, ChannelQueue.Job job) {
    OutboundMessage message = job.message();
    boolean stopped;
    try {
      stopped = recipients.stopped(message.to().contactId());
    } catch (RuntimeException e) {
      log.warn("outbox could not check a contact: {}", e.toString());
      queue.retry(job, Duration.ofSeconds(1).toNanos());
      return;
    }
    if (stopped) {
      skip(queue, job, "contact stopped");
      return;
    }
    if (message.atMostOnce() && !mayGo(queue, job)) {
      return;
    }
    SendResult result;
    try {
      result = sender.send(message);
    } catch (RuntimeException e) {
      result = new SendResult.RetryLater(Duration.ZERO, "unexpected: " + e);
    }
    if (message.atMostOnce() && result instanceof SendResult.RetryLater retry && !retry.refused()) {
      // It may have reached the person: at most once means not trying again.
      finish(
          queue,
          job,
          FinalState.UNKNOWN,
          "may or may not have arrived: " + retry.reason(),
          job.attempt());
      return;
    }
    if (result instanceof SendResult.Sent sent) {
      finish(queue, job, FinalState.SENT, null, job.attempt(), sent.platformId());
    } else if (result instanceof SendResult.Failed failed) {
      log.info(
          "outbox: {} to {} failed: {}",
          message.id(),
          Redact.id(message.to().address()),
          failed.reason());
      finish(queue, job, FinalState.FAILED, failed.reason(), job.attempt());
    } else if (result instanceof SendResult.RetryLater retry) {
      retry(queue, job, retry);
    } else if (result instanceof SendResult.RecipientGone gone) {
      recipients.gone(message.to().contactId(), gone.reason());
      forget(message.id());
      List<OutboundMessage> dropped = queue.drop(job);
      for (int i = 0; i < dropped.size(); i++) {
        // Only the head was tried; what queued behind it never was.
        String id = dropped.get(i).id();
        recorder.record(
            dropped.get(i),
            FinalState.SKIPPED,
            "recipient gone: " + gone.reason(),
            i == 0 ? job.attempt() : 0,
            () -> finished(id));
      }
    }
  }

  private void retry(ChannelQueue queue, ChannelQueue.Job job, SendResult.RetryLater retry) {
    // A platform's "retry after" (Telegram's 429) says "later", not "broken": a burst of them
    // must not use up a message's attempts, though a platform that never relents still ends it.
    boolean rateLimited = !retry.after().isZero();
    int limit = rateLimited ? properties.maxAttempts() * 4 : properties.maxAttempts();
    if (job.attempt() >= limit) {
      finish(
          queue,
          job,
          FinalState.FAILED,
          "gave up after " + job.attempt() + " attempts: " + retry.reason(),
          job.attempt());
      return;
    }
    Duration backoff = properties.retryBase().multipliedBy(1L << Math.min(20, job.attempt() - 1));
    if (backoff.compareTo(properties.retryMax()) > 0) {
      backoff = properties.retryMax();
    }
    // The platform's own "retry after" (Telegram's 429) is the right wait; else back off.
    Duration wait = retry.after().isZero() ? backoff : retry.after();
    queue.retry(job, wait.toNanos());
  }

  @Override
  public void stop() {
    running = false;
    workers.forEach(Thread::interrupt);
    workers.clear();
    recorder.close();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
