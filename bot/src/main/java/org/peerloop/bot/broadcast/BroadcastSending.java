package org.peerloop.bot.broadcast;

import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bson.Document;
import org.peerloop.bot.contact.Contact;
import org.peerloop.bot.groups.GroupLink;
import org.peerloop.bot.groups.GroupLinks;
import org.peerloop.bot.outbox.OutboundMessage;
import org.peerloop.bot.outbox.Outbox;
import org.peerloop.bot.outbox.Priority;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.PartnershipStore;
import org.peerloop.bot.schedule.DueKind;
import org.peerloop.bot.schedule.ScheduleStore;
import org.peerloop.bot.store.Durability;
import org.peerloop.bot.texts.BotTexts;
import org.peerloop.content.flow.FlowLibrary;
import org.peerloop.scheduler.DueItem;
import org.peerloop.scheduler.DueStore;
import org.peerloop.scheduler.Schedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns a confirmed broadcast into outbox messages. First its recipients are fixed and numbered
 * ({@code broadcast_recipients}); then a broadcast for now is queued in chunks, in the background,
 * and a scheduled one is filed as due work, one wave per moment (a local time falls at a different
 * moment in each time zone). Every step may be repeated after a crash: recipients are written whole
 * under fixed ids, and queueing leaves out what already has a final state ({@link
 * Outbox#sendUnfinished}), so nobody is sent a broadcast twice.
 */
@Component
class BroadcastSending implements DueKind {

  private static final Logger log = LoggerFactory.getLogger(BroadcastSending.class);
  static final String KIND = "broadcast";

  private final BroadcastStore store;
  private final Audiences audiences;
  private final PartnershipStore partnerships;
  private final ScheduleStore schedules;
  private final GroupLinks groups;
  private final Outbox outbox;
  private final DueStore due;
  private final BroadcastProgress progress;
  private final BroadcastGate gate;
  private final Durability durability;
  private final Clock clock;
  private final BotTexts texts;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "broadcast-queue");
            t.setDaemon(true);
            return t;
          });

  BroadcastSending(
      BroadcastStore store,
      Audiences audiences,
      PartnershipStore partnerships,
      ScheduleStore schedules,
      GroupLinks groups,
      Outbox outbox,
      DueStore due,
      BroadcastProgress progress,
      BroadcastGate gate,
      Durability durability,
      Clock clock,
      FlowLibrary flows) {
    this.store = store;
    this.audiences = audiences;
    this.partnerships = partnerships;
    this.schedules = schedules;
    this.groups = groups;
    this.outbox = outbox;
    this.due = due;
    this.progress = progress;
    this.gate = gate;
    this.durability = durability;
    this.clock = clock;
    this.texts = new BotTexts(flows.catalog());
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** Starts a confirmed broadcast in the background: the confirm is answered at once. */
  void start(String id) {
    worker.submit(
        () -> {
          try {
            run(id);
          } catch (RuntimeException e) {
            // Left as it is: the next start (or restart) picks it up where it stopped.
            log.warn("broadcast {} could not be queued: {}", id, e.toString());
          }
        });
  }

  /**
   * After a restart: broadcasts that were being sent (or about to be scheduled) go on, and catch up
   * on outcomes the outbox recorded just before the stop.
   */
  @EventListener(ApplicationReadyEvent.class)
  void resume() {
    for (Broadcast b : store.inState(BroadcastState.SENDING)) {
      progress.reconcile(b.id());
      start(b.id());
    }
    for (Broadcast b : store.inState(BroadcastState.SCHEDULED)) {
      start(b.id());
    }
  }

  void run(String id) {
    Optional<Document> raw = store.raw(id);
    if (raw.isEmpty()) {
      return;
    }
    Broadcast b = BroadcastStore.fromDocument(raw.get());
    Optional<Partnership> p = partnerships.find(b.partnership());
    if (p.isEmpty()
        || (b.state() != BroadcastState.SENDING && b.state() != BroadcastState.SCHEDULED)) {
      return;
    }
    if (!Boolean.TRUE.equals(raw.get().getBoolean("snapshot"))) {
      fix(b, p.get());
      b = store.find(id).orElseThrow();
    }
    if (b.sendAt() == null) {
      int from = store.raw(id).map(d -> d.getInteger("enqueued", 0)).orElse(0);
      post(b, p.get());
      queue(b, p.get(), from, b.recipients(), true);
    } else {
      fileWaves(b);
    }
  }

  /**
   * A broadcast whose waiting count has not moved for a minute catches up from the outbox's log: an
   * outcome lost between its record and its count would otherwise keep it sending for ever.
   */
  @org.springframework.scheduling.annotation.Scheduled(
      fixedDelayString = "${peerloop.broadcasts.watch-every:60s}",
      initialDelayString = "${peerloop.broadcasts.watch-every:60s}")
  void watch() {
    Instant now = clock.instant();
    for (Broadcast b : store.inState(BroadcastState.SENDING)) {
      boolean waveAhead =
          store
              .raw(b.id())
              .map(d -> d.getList("waves", Document.class, List.of()))
              .orElse(List.of())
              .stream()
              .anyMatch(w -> w.getDate("at").toInstant().isAfter(now));
      if (waveAhead) {
        continue; // people are still waiting for their time, not for a lost outcome
      }
      int waiting =
          store.raw(b.id()).map(d -> Counts.fromDocument(d).in(Recipient.QUEUED)).orElse(0);
      Integer before = lastWaiting.put(b.id(), waiting);
      if (before != null && before == waiting) {
        progress.reconcile(b.id());
      }
    }
  }

  private final Map<String, Integer> lastWaiting = new java.util.concurrent.ConcurrentHashMap<>();

  /** Fixes who the broadcast goes to, in order, with each one's moment when it is scheduled. */
  private void fix(Broadcast b, Partnership p) {
    long started = System.nanoTime();
    Schedule schedule = schedules.of(p);
    String zone = schedule.zone().getId();
    Optional<List<String>> saved = store.audience(b.id());
    boolean again = saved.isPresent();
    if (!again && b.sendAt() == null) {
      fixAndSend(b, p, zone, started);
      return;
    }
    List<Target> targets =
        again ? audiences.again(p, saved.get(), zone) : audiences.resolve(p, b.audience(), zone);
    long resolved = System.nanoTime();
    List<Instant> moments = new ArrayList<>();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      order.add(i);
      moments.add(
          b.sendAt() == null
              ? null
              : b.sendAt().forZone(ZoneId.of(targets.get(i).zone()), schedule.quiet()));
    }
    if (b.sendAt() != null && !again) {
      order.sort(Comparator.comparing(moments::get)); // stable: member order within a moment
    }
    if (!again) {
      // Saved before anything goes: after a crash the same people get the same numbers, so
      // nobody is sent it twice under two numbers.
      List<String> ids = new ArrayList<>();
      for (int i : order) {
        ids.add(targets.get(i).member() == null ? "-" : targets.get(i).member());
      }
      store.saveAudience(b.id(), ids);
    }
    List<Recipient> list = new ArrayList<>();
    Counts counts = new Counts();
    List<Document> waves = new ArrayList<>();
    for (int n = 0; n < order.size(); n++) {
      Target t = targets.get(order.get(n));
      Instant at = moments.get(order.get(n));
      Recipient r = Recipient.of(b.id(), n, t, at);
      list.add(r);
      counts.add(t.channel(), t.organisation(), r.state(), t.skip(), 1);
      if (at != null) {
        Document last = waves.isEmpty() ? null : waves.get(waves.size() - 1);
        if (last != null && last.getDate("at").toInstant().equals(at)) {
          last.put("to", n + 1);
        } else {
          waves.add(
              new Document("at", java.util.Date.from(at)).append("from", n).append("to", n + 1));
        }
      }
    }
    // The counts first, then the recipients chunk by chunk: a broadcast for now starts going out
    // with the first chunk instead of after all of them (2 s for 20,000 on the file store), and an
    // outcome never arrives before the counts it moves.
    Document c = counts.toDocument();
    if (again) {
      // Some of them may have been sent already: the counts are recounted once all are written.
      store.set(
          b.id(),
          Updates.combine(Updates.set("recipients", list.size()), Updates.set("waves", waves)));
    } else {
      store.set(
          b.id(),
          Updates.combine(
              Updates.set("recipients", list.size()),
              Updates.set("counts", c.get("counts")),
              Updates.set("reasons", c.get("reasons")),
              Updates.set("waves", waves)));
    }
    durability.awaitDurable();
    Broadcast fixed = store.find(b.id()).orElseThrow();
    if (b.sendAt() == null) {
      post(fixed, p);
    }
    for (int i = 0; i < list.size(); i += BroadcastStore.BATCH) {
      int end = Math.min(list.size(), i + BroadcastStore.BATCH);
      store.writeRecipients(list.subList(i, end));
      if (b.sendAt() == null) {
        // Written whole just now, unless this is a confirm picked up again: then what was there
        // before may have moved on, and is read back.
        queue(fixed, p, i, end, true, again ? null : list.subList(i, end));
      }
    }
    store.set(b.id(), Updates.set("snapshot", true));
    durability.awaitDurable();
    log.info(
        "broadcast {}: {} recipients fixed in {} ms (finding them: {} ms)",
        b.id(),
        list.size(),
        (System.nanoTime() - started) / 1_000_000,
        (resolved - started) / 1_000_000);
    if (again) {
      progress.reconcile(b.id());
    } else {
      progress.check(b.id()); // everyone skipped: done at once
    }
  }

  /**
   * A broadcast for now, confirmed the first time: who is in the audience is settled first (one
   * read of the partnership's members) and saved; then, 500 people at a time, where to reach them
   * is looked up, their entries and counts written, and their messages queued — so the first
   * messages go while the rest of a large audience is still being looked up (for 20,000 people the
   * look-up takes about 0.7 s of the 1 s before the first send otherwise).
   */
  private void fixAndSend(Broadcast b, Partnership p, String zone, long started) {
    List<org.peerloop.bot.people.Member> chosen = audiences.members(p, b.audience());
    store.saveAudience(b.id(), chosen.stream().map(org.peerloop.bot.people.Member::id).toList());
    store.set(
        b.id(),
        Updates.combine(
            Updates.set("recipients", chosen.size()),
            Updates.set("counts", new Document()),
            Updates.set("reasons", new Document()),
            Updates.set("waves", List.of())));
    durability.awaitDurable();
    Broadcast fixed = store.find(b.id()).orElseThrow();
    post(fixed, p);
    for (int i = 0; i < chosen.size(); i += BroadcastStore.BATCH) {
      int end = Math.min(chosen.size(), i + BroadcastStore.BATCH);
      List<Target> targets = audiences.targets(p, chosen.subList(i, end), zone);
      List<Recipient> chunk = new ArrayList<>();
      Counts counts = new Counts();
      for (int k = 0; k < targets.size(); k++) {
        Target t = targets.get(k);
        int n = i + k;
        Recipient r = Recipient.of(b.id(), n, t, null);
        chunk.add(r);
        counts.add(t.channel(), t.organisation(), r.state(), t.skip(), 1);
      }
      // The chunk's counts before its messages: an outcome never arrives before what it moves.
      store.add(b.id(), counts);
      store.writeRecipients(chunk);
      queue(fixed, p, i, end, true, chunk);
    }
    store.set(b.id(), Updates.set("snapshot", true));
    durability.awaitDurable();
    log.info(
        "broadcast {}: {} recipients fixed and queued in {} ms",
        b.id(),
        chosen.size(),
        (System.nanoTime() - started) / 1_000_000);
    progress.check(b.id()); // everyone skipped: done at once
  }

  private void fileWaves(Broadcast b) {
    List<Document> waves =
        store.raw(b.id()).map(d -> d.getList("waves", Document.class, List.of())).orElse(List.of());
    List<DueItem> items = new ArrayList<>();
    for (Document w : waves) {
      Instant at = w.getDate("at").toInstant();
      int from = w.getInteger("from");
      int to = w.getInteger("to");
      items.add(
          new DueItem(
              KIND + "|" + at.toEpochMilli() + "|" + b.id() + "|" + from,
              KIND,
              b.id(),
              b.partnership(),
              null,
              from + "-" + to,
              null,
              at,
              null,
              0));
    }
    due.file(items, clock.instant());
    durability.awaitDurable();
  }

  /** One wave of a scheduled broadcast is due: its recipients are queued now. */
  @Override
  public Result handle(DueItem item, Instant now) {
    Optional<Broadcast> found = store.find(item.subject());
    if (found.isEmpty()) {
      return Result.DONE;
    }
    Broadcast b = found.get();
    Optional<Partnership> p = partnerships.find(b.partnership());
    if (p.isEmpty() || b.state() == BroadcastState.CANCELLED || b.state() == BroadcastState.DRAFT) {
      return Result.DONE;
    }
    if (b.state() == BroadcastState.SCHEDULED) {
      store.move(b.id(), BroadcastState.SCHEDULED, BroadcastState.SENDING);
    }
    String[] range = item.occurrence().split("-");
    post(b, p.get());
    queue(b, p.get(), Integer.parseInt(range[0]), Integer.parseInt(range[1]), false);
    return Result.DONE;
  }

  /** The post to the partnership's linked group: once, at the first wave. */
  private void post(Broadcast b, Partnership p) {
    Optional<GroupLink> link = groups.of(p.slug());
    if (link.isEmpty()) {
      return;
    }
    GroupLink g = link.get();
    boolean noted = store.raw(b.id()).map(d -> d.get("group") != null).orElse(true);
    if (!noted) {
      store.set(
          b.id(),
          Updates.set(
              "group",
              new Document("chat", g.channel() + ":" + g.address())
                  .append("state", Recipient.QUEUED)));
    }
    outbox.sendUnfinished(
        List.of(
            new OutboundMessage(
                Broadcast.groupMessageId(b.id()),
                new org.peerloop.bot.outbox.Recipient(
                    Contact.idOf(g.channel(), g.address()), g.channel(), g.address()),
                BroadcastTexts.render(b, p.language(), p.name(), texts),
                List.of(),
                Priority.BULK,
                null,
                clock.instant(),
                b.attachment(),
                true)));
  }

  /** Queues recipients {@code from}…{@code to} in chunks; stops as soon as it is cancelled. */
  private void queue(Broadcast b, Partnership p, int from, int to, boolean track) {
    queue(b, p, from, to, track, null);
  }

  /**
   * As above; {@code written} holds recipients {@code from}…{@code to} as just written (the first
   * confirm), so they need not be read back.
   */
  private void queue(
      Broadcast b, Partnership p, int from, int to, boolean track, List<Recipient> written) {
    Map<String, String> rendered = new HashMap<>();
    for (int i = from; i < to; i += BroadcastStore.BATCH) {
      if (gate.isCancelled(b.id())) {
        return;
      }
      int end = Math.min(to, i + BroadcastStore.BATCH);
      List<OutboundMessage> chunk = new ArrayList<>();
      Instant now = clock.instant();
      List<Recipient> those =
          written != null
              ? written.subList(i - from, end - from)
              : store.recipients(b.id(), i, end);
      for (Recipient r : those) {
        if (!r.state().equals(Recipient.QUEUED)) {
          continue;
        }
        if (r.address() == null) {
          // They asked us to forget them before their turn: nobody to send to.
          progress.settle(r.id(), Recipient.SKIPPED, "forgotten");
          continue;
        }
        String text =
            rendered.computeIfAbsent(
                r.language(), lang -> BroadcastTexts.render(b, lang, p.name(), texts));
        chunk.add(
            new OutboundMessage(
                Broadcast.messageId(b.id(), r.n()),
                new org.peerloop.bot.outbox.Recipient(r.contact(), r.channel(), r.address()),
                text,
                List.of(),
                Priority.BULK,
                null,
                now,
                b.attachment(),
                true));
      }
      outbox.sendUnfinished(chunk);
      if (track) {
        store.set(b.id(), Updates.max("enqueued", end));
      }
    }
  }
}
