package org.peerloop.bot.broadcast;

import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.peerloop.bot.groups.GroupLinks;
import org.peerloop.bot.outbox.Attachment;
import org.peerloop.bot.people.Member;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.PartnershipStore;
import org.peerloop.bot.schedule.ScheduleStore;
import org.peerloop.bot.store.Durability;
import org.peerloop.bot.texts.BotTexts;
import org.peerloop.content.flow.FlowLibrary;
import org.peerloop.scheduler.Schedule;
import org.springframework.stereotype.Component;

/**
 * Key messages from facilitators: drafted with a preview, then confirmed (sent now or scheduled) or
 * cancelled, then reported on. The chat ({@code /broadcast}) and the admin API both come here. Who
 * may broadcast is decided by the caller: {@link #mayBroadcast}.
 */
@Component
public class Broadcasts {

  private final BroadcastStore store;
  private final Audiences audiences;
  private final PartnershipStore partnerships;
  private final ScheduleStore schedules;
  private final GroupLinks groups;
  private final BroadcastSending sending;
  private final BroadcastGate gate;
  private final Durability durability;
  private final Clock clock;
  private final BotTexts texts;

  Broadcasts(
      BroadcastStore store,
      Audiences audiences,
      PartnershipStore partnerships,
      ScheduleStore schedules,
      GroupLinks groups,
      BroadcastSending sending,
      BroadcastGate gate,
      Durability durability,
      Clock clock,
      FlowLibrary flows) {
    this.store = store;
    this.audiences = audiences;
    this.partnerships = partnerships;
    this.schedules = schedules;
    this.groups = groups;
    this.sending = sending;
    this.gate = gate;
    this.durability = durability;
    this.clock = clock;
    this.texts = new BotTexts(flows.catalog());
  }

  /** Coordinators, and facilitators or focal points of that partnership. */
  public static boolean mayBroadcast(Member m, String partnership) {
    return m != null
        && (m.coordinator() || m.in(partnership).map(place -> place.role().leads()).orElse(false));
  }

  /**
   * Checks and stores a draft; nothing is sent. {@code author} is null for the admin API; {@code
   * language} is the author's, in which the preview is shown.
   */
  public Drafted draft(
      Partnership p,
      Audience audience,
      String text,
      String link,
      SendAt sendAt,
      Member author,
      String language) {
    return draft(null, p, audience, text, link, sendAt, author, language);
  }

  /** As above under a given id (a chat run's own), so that a replayed step drafts nothing new. */
  public Drafted draft(
      String id,
      Partnership p,
      Audience audience,
      String text,
      String link,
      SendAt sendAt,
      Member author,
      String language) {
    return draft(id, null, p, audience, text, link, null, sendAt, author, language);
  }

  /**
   * As above, one of a batch: the same message drafted for each partnership the author leads,
   * confirmed or cancelled together ({@link #withBatch}).
   */
  public Drafted draft(
      String id,
      String batch,
      Partnership p,
      Audience audience,
      String text,
      String link,
      Attachment attachment,
      SendAt sendAt,
      Member author,
      String language) {
    Instant now = clock.instant();
    List<BroadcastRules.Problem> problems = new ArrayList<>(BroadcastRules.check(text, link));
    if (audience.organisation() != null && p.organisation(audience.organisation()).isEmpty()) {
      problems.add(
          new BroadcastRules.Problem(
              "broadcast-no-organisation",
              Map.of("organisation", audience.organisation()),
              "\"organisation\" names no organisation of the partnership"));
    }
    Schedule schedule = schedules.of(p);
    if (sendAt != null) {
      problems.addAll(BroadcastRules.checkTime(sendAt, schedule.zone(), now));
    }
    if (!problems.isEmpty()) {
      return new Drafted.Refused(problems);
    }
    Broadcast b =
        new Broadcast(
            id == null ? store.newId() : id,
            p.slug(),
            audience,
            text.strip(),
            link == null || link.isBlank() ? null : link.strip(),
            attachment,
            author == null ? null : author.id(),
            author == null ? null : author.name(),
            language,
            sendAt,
            BroadcastState.DRAFT,
            0,
            now,
            null,
            null);
    Preview preview = preview(b, p);
    if (preview.sending() == 0) {
      return new Drafted.Refused(
          List.of(
              new BroadcastRules.Problem(
                  "broadcast-nobody",
                  Map.of("count", String.valueOf(preview.recipients())),
                  preview.recipients() == 0
                      ? "nobody in the partnership matches this audience"
                      : "nobody in this audience can be reached now (all "
                          + preview.recipients()
                          + " stopped, paused or not joined)")));
    }
    store.insert(b, batch);
    durability.awaitDurable();
    return new Drafted.Draft(b, preview);
  }

  /** Sets when a draft goes; answers the refusal's text key when the time will not do. */
  public Optional<String> schedule(Broadcast b, SendAt at) {
    Partnership p = partnerships.find(b.partnership()).orElseThrow();
    List<BroadcastRules.Problem> problems =
        BroadcastRules.checkTime(at, schedules.of(p).zone(), clock.instant());
    if (!problems.isEmpty()) {
      return Optional.of(problems.get(0).key());
    }
    if (!store.move(
        b.id(), BroadcastState.DRAFT, BroadcastState.DRAFT, Updates.set("sendAt", at.text()))) {
      return Optional.of("broadcast-already"); // confirmed (or cancelled) meanwhile
    }
    return Optional.empty();
  }

  public Optional<Broadcast> find(String id) {
    return store.find(id);
  }

  /** The broadcast {@code id}, or every broadcast of the batch {@code id}. */
  public List<Broadcast> withBatch(String id) {
    List<Broadcast> out = new ArrayList<>(store.batch(id));
    if (out.stream().noneMatch(b -> b.id().equals(id))) {
      store.find(id).ifPresent(b -> out.add(0, b));
    }
    return out;
  }

  /** The channels an audience would be reached on now. */
  public java.util.Set<String> channels(Partnership p, Audience audience) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (Target t : audiences.resolve(p, audience, schedules.of(p).zone().getId())) {
      if (t.skip() == null) {
        out.add(t.channel());
      }
    }
    return out;
  }

  /** The draft as it would go now. */
  public Preview preview(Broadcast b, Partnership p) {
    List<Target> targets = audiences.resolve(p, b.audience(), schedules.of(p).zone().getId());
    Map<String, Integer> channels = new TreeMap<>();
    Map<String, Integer> skipped = new TreeMap<>();
    for (Target t : targets) {
      if (t.skip() == null) {
        channels.merge(t.channel(), 1, Integer::sum);
      } else {
        skipped.merge(t.skip(), 1, Integer::sum);
      }
    }
    String group = groups.of(p.slug()).map(g -> g.channel() + ":" + g.address()).orElse(null);
    return new Preview(
        BroadcastTexts.render(b, b.language(), p.name(), texts),
        targets.size(),
        channels,
        skipped,
        group,
        b.attachment() == null ? null : b.attachment().fileName());
  }

  /** How a confirm went. */
  public enum Confirmed {
    /** Sending (or scheduled) from now. */
    STARTED,
    /** It was confirmed before: nothing changes. */
    ALREADY,
    /** It was cancelled: nothing goes. */
    CANCELLED
  }

  /**
   * Sends (or schedules) the draft: exactly one confirm starts it, a second one (a double tap, a
   * retried request) changes nothing.
   */
  public Confirmed confirm(Broadcast b) {
    Instant now = clock.instant();
    BroadcastState next = b.sendAt() == null ? BroadcastState.SENDING : BroadcastState.SCHEDULED;
    if (!store.move(
        b.id(), BroadcastState.DRAFT, next, Updates.set("confirmedAt", java.util.Date.from(now)))) {
      BroadcastState state = store.find(b.id()).map(Broadcast::state).orElse(b.state());
      return state == BroadcastState.CANCELLED ? Confirmed.CANCELLED : Confirmed.ALREADY;
    }
    durability.awaitDurable();
    sending.start(b.id());
    return Confirmed.STARTED;
  }

  /** Stops the broadcast: nothing more goes out. False when it had ended already. */
  public boolean cancel(Broadcast b) {
    Instant now = clock.instant();
    for (BroadcastState from :
        List.of(BroadcastState.DRAFT, BroadcastState.SCHEDULED, BroadcastState.SENDING)) {
      if (store.move(
          b.id(),
          from,
          BroadcastState.CANCELLED,
          Updates.set("finishedAt", java.util.Date.from(now)))) {
        gate.cancelled(b.id());
        durability.awaitDurable();
        return true;
      }
    }
    return false;
  }

  public Report report(String id) {
    return Report.of(store.raw(id).orElseThrow());
  }

  /** The partnership's latest broadcasts, newest first. */
  public List<Report> recent(String partnership, int limit) {
    return store.ofPartnership(partnership, limit).stream().map(Report::of).toList();
  }
}
