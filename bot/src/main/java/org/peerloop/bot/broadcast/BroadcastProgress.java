package org.peerloop.bot.broadcast;

import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.peerloop.bot.outbox.Delivery;
import org.peerloop.bot.outbox.DeliveryListener;
import org.peerloop.bot.outbox.DeliveryReceipt;
import org.peerloop.bot.outbox.OutboxLog;
import org.peerloop.bot.store.Durability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Moves recipients along as the outbox records their sends and platforms report deliveries, and
 * keeps each broadcast's counts current: one thread, in batches (one keyed read, one bulk write and
 * one {@code $inc} per broadcast for everything that arrived meanwhile), so 20,000 sends cost a few
 * dozen writes, not 40,000. When nobody is left queued the broadcast is recounted from its
 * recipients, marked done, and its author told.
 *
 * <p>A crash between a recipient's move and its broadcast's {@code $inc} leaves the counts off by
 * that batch until the recount that follows every restart and every end.
 */
@Component
class BroadcastProgress implements DeliveryListener, SmartLifecycle {

  private static final Logger logger = LoggerFactory.getLogger(BroadcastProgress.class);
  private static final int MAX_BATCH = 2_000;

  private sealed interface Event {}

  private record Outcome(Delivery delivery) implements Event {}

  private record Receipt(DeliveryReceipt receipt) implements Event {}

  private record Recount(String broadcast) implements Event {}

  /** Catch up from the outbox's log on outcomes that were never applied (lost in a crash). */
  private record Reconcile(String broadcast) implements Event {}

  private record Check(String broadcast) implements Event {}

  /** A recipient settled without a send (their data was erased before their turn). */
  private record Settle(String recipient, String state, String reason) implements Event {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final BroadcastStore store;
  private final OutboxLog log;
  private final Durability durability;
  private final ApplicationEventPublisher publisher;
  private final Clock clock;
  private Thread thread;
  private volatile boolean running;

  BroadcastProgress(
      BroadcastStore store,
      OutboxLog log,
      Durability durability,
      ApplicationEventPublisher publisher,
      Clock clock) {
    this.store = store;
    this.log = log;
    this.durability = durability;
    this.publisher = publisher;
    this.clock = clock;
  }

  @Override
  public void finished(List<Delivery> batch) {
    for (Delivery d : batch) {
      if (BroadcastGate.broadcastOf(d.messageId()) != null) {
        events.add(new Outcome(d));
      }
    }
  }

  @EventListener
  void receipt(DeliveryReceipt r) {
    if (BroadcastGate.broadcastOf(r.messageId()) != null) {
      events.add(new Receipt(r));
    }
  }

  void recount(String broadcast) {
    events.add(new Recount(broadcast));
  }

  /** Ends the broadcast if nobody is left waiting. */
  void check(String broadcast) {
    events.add(new Check(broadcast));
  }

  void reconcile(String broadcast) {
    events.add(new Reconcile(broadcast));
  }

  void settle(String recipient, String state, String reason) {
    events.add(new Settle(recipient, state, reason));
  }

  /** True when nothing is waiting to be applied (tests and benchmarks wait for this). */
  boolean idle() {
    return events.isEmpty() && !busy;
  }

  private volatile boolean busy;

  private void run() {
    List<Event> batch = new ArrayList<>();
    while (running || !events.isEmpty()) {
      try {
        batch.add(events.take());
      } catch (InterruptedException e) {
        if (running) {
          continue;
        }
        // Stopping: apply what has arrived (the outbox's last records among it), then end.
        events.drainTo(batch);
        if (batch.isEmpty()) {
          return;
        }
      }
      busy = true;
      events.drainTo(batch, MAX_BATCH - 1);
      for (int attempt = 1; ; attempt++) {
        try {
          apply(batch);
          break;
        } catch (RuntimeException e) {
          logger.warn(
              "broadcast progress could not be written (attempt {}): {}", attempt, e.toString());
          if (!running || attempt >= 20) {
            break;
          }
          sleep(Math.min(5_000, 100L * attempt));
        }
      }
      batch.clear();
      busy = false;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What a recipient moves to, from one event; null when the event says nothing new. */
  private record Step(String id, String state, String reason, String platformId) {}

  private void apply(List<Event> batch) {
    Instant now = clock.instant();
    List<Step> steps = new ArrayList<>();
    Set<String> recount = new LinkedHashSet<>();
    Set<String> checks = new LinkedHashSet<>();
    Map<String, Step> groupSteps = new LinkedHashMap<>();
    for (Event e : batch) {
      if (e instanceof Reconcile r) {
        steps.addAll(missed(r.broadcast(), groupSteps));
        recount.add(r.broadcast());
      } else if (e instanceof Check k) {
        checks.add(k.broadcast());
      } else if (e instanceof Settle s) {
        steps.add(new Step(s.recipient(), s.state(), s.reason(), null));
      } else if (e instanceof Recount r) {
        recount.add(r.broadcast());
      } else if (e instanceof Outcome o) {
        Step s = step(o.delivery());
        route(s, o.delivery().messageId(), steps, groupSteps);
      } else if (e instanceof Receipt r) {
        Step s = step(r.receipt());
        if (s != null) {
          route(s, r.receipt().messageId(), steps, groupSteps);
        }
      }
    }
    Set<String> touched = new LinkedHashSet<>(recount);
    touched.addAll(checks);
    applySteps(steps, now, touched);
    groupSteps.forEach(
        (broadcast, s) -> {
          store.set(
              broadcast,
              Updates.combine(
                  Updates.set("group.state", s.state()), Updates.set("group.reason", s.reason())));
          touched.add(broadcast);
        });
    for (String b : recount) {
      recountNow(b);
    }
    durability.awaitDurable();
    for (String b : touched) {
      finishIfSettled(b);
    }
  }

  /**
   * Outcomes the outbox recorded for recipients still queued here (and the group post): applied as
   * if just heard. What has no outcome yet is still pending in the outbox, or not yet queued.
   */
  private List<Step> missed(String broadcast, Map<String, Step> groupSteps) {
    Optional<Document> raw = store.raw(broadcast);
    if (raw.isEmpty()) {
      return List.of();
    }
    int n = raw.get().getInteger("recipients", 0);
    List<String> ids = new ArrayList<>();
    List<Step> out = new ArrayList<>();
    for (Recipient r : store.recipients(broadcast, 0, n)) {
      if (r.state().equals(Recipient.QUEUED) && r.address() == null) {
        // Erased (/forget) before their message went: it was dropped from the outbox with them.
        out.add(new Step(r.id(), Recipient.SKIPPED, "forgotten", null));
      } else if (r.state().equals(Recipient.QUEUED)) {
        ids.add(Broadcast.messageId(broadcast, r.n()));
      }
    }
    Document group = raw.get().get("group", Document.class);
    if (group != null && Recipient.QUEUED.equals(group.getString("state"))) {
      ids.add(Broadcast.groupMessageId(broadcast));
    }
    for (Delivery d : log.outcomes(ids).values()) {
      route(step(d), d.messageId(), out, groupSteps);
    }
    return out;
  }

  private static void route(
      Step s, String messageId, List<Step> steps, Map<String, Step> groupSteps) {
    String broadcast = BroadcastGate.broadcastOf(messageId);
    String rest = messageId.substring(BroadcastGate.PREFIX.length() + broadcast.length() + 1);
    int bar = rest.indexOf('|');
    String which = bar < 0 ? rest : rest.substring(0, bar); // a resend adds "|63016"
    if (which.equals("group")) {
      groupSteps.put(broadcast, s);
    } else {
      steps.add(
          new Step(
              Recipient.id(broadcast, Integer.parseInt(which)),
              s.state(),
              s.reason(),
              s.platformId()));
    }
  }

  private static Step step(Delivery d) {
    String state =
        switch (d.state()) {
          case SENT -> Recipient.SENT;
          case FAILED -> Recipient.FAILED;
          case SKIPPED -> Recipient.SKIPPED;
          case UNKNOWN -> Recipient.UNKNOWN;
        };
    return new Step(null, state, d.reason(), d.platformId());
  }

  private static Step step(DeliveryReceipt r) {
    String state =
        switch (r.status()) {
          case "delivered" -> Recipient.DELIVERED;
          case "read" -> Recipient.READ;
          case "failed", "undelivered" -> Recipient.FAILED;
          default -> null;
        };
    if (state == null) {
      return null;
    }
    String reason =
        state.equals(Recipient.FAILED)
            ? r.status() + (r.reason() == null ? "" : " " + r.reason())
            : null;
    return new Step(null, state, reason, null);
  }

  private void applySteps(List<Step> steps, Instant now, Set<String> touched) {
    if (steps.isEmpty()) {
      return;
    }
    List<String> ids = steps.stream().map(Step::id).distinct().toList();
    Map<String, Recipient> current = new HashMap<>();
    for (Recipient r : store.byIds(ids)) {
      current.put(r.id(), r);
    }
    Map<String, Map<String, Integer>> inc = new LinkedHashMap<>();
    Map<String, BroadcastStore.Move> moves = new LinkedHashMap<>();
    for (Step s : steps) {
      Recipient r = current.get(s.id());
      if (r == null || !Recipient.moves(r.state(), s.state())) {
        continue; // unknown to us, or news that comes too late (a "sent" after the "read")
      }
      Map<String, Integer> d = inc.computeIfAbsent(r.broadcast(), x -> new LinkedHashMap<>());
      d.merge(Counts.path(r.channel(), r.organisation(), r.state()), -1, Integer::sum);
      d.merge(Counts.path(r.channel(), r.organisation(), s.state()), 1, Integer::sum);
      if (s.reason() != null && Counts.WITH_REASONS.contains(s.state())) {
        d.merge(Counts.reasonPath(s.state(), s.reason()), 1, Integer::sum);
      }
      BroadcastStore.Move before = moves.get(r.id());
      String platformId =
          s.platformId() != null ? s.platformId() : before == null ? null : before.platformId();
      moves.put(r.id(), new BroadcastStore.Move(r.id(), s.state(), s.reason(), platformId, now));
      current.put(r.id(), withState(r, s.state()));
      touched.add(r.broadcast());
    }
    store.move(List.copyOf(moves.values()));
    inc.forEach(
        (broadcast, deltas) -> {
          List<Bson> updates = new ArrayList<>();
          deltas.forEach(
              (path, n) -> {
                if (n != 0) {
                  updates.add(Updates.inc(path, n));
                }
              });
          if (!updates.isEmpty()) {
            store.set(broadcast, Updates.combine(updates));
          }
        });
  }

  private static Recipient withState(Recipient r, String state) {
    return new Recipient(
        r.id(),
        r.broadcast(),
        r.n(),
        r.member(),
        r.contact(),
        r.channel(),
        r.address(),
        r.organisation(),
        r.language(),
        r.due(),
        state,
        r.reason());
  }

  /** The counts from the recipients themselves. */
  private void recountNow(String broadcast) {
    Optional<Broadcast> b = store.find(broadcast);
    if (b.isEmpty()) {
      return;
    }
    Counts counts = new Counts();
    for (Recipient r : store.recipients(broadcast, 0, b.get().recipients())) {
      counts.add(r.channel(), r.organisation(), r.state(), r.reason(), 1);
    }
    Document c = counts.toDocument();
    store.set(
        broadcast,
        Updates.combine(
            Updates.set("counts", c.get("counts")), Updates.set("reasons", c.get("reasons"))));
  }

  private void finishIfSettled(String broadcast) {
    Optional<Document> raw = store.raw(broadcast);
    if (raw.isEmpty()
        || !BroadcastState.SENDING.value().equals(raw.get().getString("state"))
        || !Boolean.TRUE.equals(raw.get().getBoolean("snapshot"))) {
      return;
    }
    Document group = raw.get().get("group", Document.class);
    if (Counts.fromDocument(raw.get()).in(Recipient.QUEUED) > 0
        || (group != null && Recipient.QUEUED.equals(group.getString("state")))) {
      return;
    }
    recountNow(broadcast);
    Document after = store.raw(broadcast).orElseThrow();
    if (Counts.fromDocument(after).in(Recipient.QUEUED) > 0) {
      return; // the counts had drifted; the recount says someone is still waiting
    }
    if (store.move(
        broadcast,
        BroadcastState.SENDING,
        BroadcastState.DONE,
        Updates.set("finishedAt", java.util.Date.from(clock.instant())))) {
      durability.awaitDurable();
      publisher.publishEvent(new BroadcastFinished(broadcast));
    }
  }

  @Override
  public void start() {
    running = true;
    thread = new Thread(this::run, "broadcast-progress");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
