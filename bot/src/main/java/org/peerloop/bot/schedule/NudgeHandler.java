package org.peerloop.bot.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.peerloop.bot.contact.Contact;
import org.peerloop.bot.contact.ContactStore;
import org.peerloop.bot.conversation.ConversationService;
import org.peerloop.bot.instruments.Cadence;
import org.peerloop.bot.instruments.Instruments;
import org.peerloop.bot.instruments.NudgeFact;
import org.peerloop.bot.people.Member;
import org.peerloop.bot.people.MemberStatus;
import org.peerloop.bot.people.MemberStore;
import org.peerloop.bot.people.Membership;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.PartnershipStore;
import org.peerloop.scheduler.CadenceRule;
import org.peerloop.scheduler.DueHandler;
import org.peerloop.scheduler.DueItem;
import org.peerloop.scheduler.LocalTimes;
import org.peerloop.scheduler.Schedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends one nudge when it falls due, after checking again everything that may have changed since it
 * was planned: the member (left, stopped, paused, moved to another zone), the cadence (changed or
 * removed), whether it is still worth sending, and whether the person is busy in another flow, in
 * which case it waits for that flow to end.
 */
@Component
class NudgeHandler implements DueHandler {

  /** Occurrences of nudges a facilitator asked for now start with this, not a date. */
  static final String NOW = "now-";

  /** How often a nudge put off by another flow looks again, at most. */
  static final Duration BUSY_RECHECK = Duration.ofHours(1);

  private static final Logger log = LoggerFactory.getLogger(NudgeHandler.class);

  private final MemberStore members;
  private final ContactStore contacts;
  private final PartnershipStore partnerships;
  private final ScheduleStore schedules;
  private final Pauses pauses;
  private final ConversationService conversations;
  private final Instruments instruments;
  private final NudgePeriods periods;

  NudgeHandler(
      MemberStore members,
      ContactStore contacts,
      PartnershipStore partnerships,
      ScheduleStore schedules,
      Pauses pauses,
      ConversationService conversations,
      Instruments instruments,
      NudgePeriods periods) {
    this.periods = periods;
    this.members = members;
    this.contacts = contacts;
    this.partnerships = partnerships;
    this.schedules = schedules;
    this.pauses = pauses;
    this.conversations = conversations;
    this.instruments = instruments;
  }

  @Override
  public Result handle(DueItem item, Instant now) {
    Optional<Member> found = members.find(item.subject());
    Optional<Partnership> partnership = partnerships.find(item.partnership());
    if (found.isEmpty() || partnership.isEmpty()) {
      return Result.DONE;
    }
    Member member = found.get();
    Optional<Membership> place = member.in(item.partnership());
    if (place.isEmpty()) {
      return Result.DONE;
    }
    Schedule schedule = schedules.of(partnership.get());
    if (!item.occurrence().startsWith(NOW)) {
      Optional<CadenceRule> rule = schedule.cadence(item.flow());
      LocalDateTime occurrence = LocalDateTime.parse(item.occurrence());
      if (rule.isEmpty()
          || !rule.get().next(occurrence.minusMinutes(1)).equals(Optional.of(occurrence))) {
        return Result.DONE; // the cadence changed since this was planned
      }
      ZoneId zone = BotRoster.nudgee(member).zone();
      Instant expected =
          LocalTimes.due(occurrence, zone == null ? schedule.zone() : zone, schedule.quiet());
      if (expected.isAfter(now.plus(Duration.ofMinutes(1)))) {
        return new Result.Later(expected); // they moved west since it was planned
      }
    }
    if (!active(member, now)) {
      return Result.DONE;
    }
    NudgeFact missed = fact(item, member, place.get(), false, now);
    if (item.late(now)) {
      instruments.nudged(missed);
      log.info(
          "a {} nudge was {} late: recorded as missed",
          item.flow(),
          Duration.between(item.due(), now));
      return Result.DONE;
    }
    ZoneId own = BotRoster.nudgee(member).zone();
    Instant morning = schedule.quiet().adjust(now, own == null ? schedule.zone() : own);
    if (morning.isAfter(now)) {
      return new Result.Later(morning); // found in their night (catching up): wait for morning
    }
    Optional<Contact> contact = contacts.reachable(member.contacts());
    if (contact.isEmpty()) {
      return Result.DONE;
    }
    if (Cadence.HEALTH.equals(item.flow())
        && instruments.healthSubmitted(member.id(), item.partnership(), item.period())) {
      return Result.DONE; // they gave their scores already, unprompted
    }
    boolean scheduled = !item.occurrence().startsWith(NOW);
    String once = NudgePeriods.id(member.id(), item.partnership(), item.flow(), item.period());
    if (scheduled && periods.had(once)) {
      return Result.DONE; // nudged for this flow and period already (the cadence changed)
    }
    ConversationService.Nudged r =
        conversations.nudge(
            contact.get().id(),
            item.flow(),
            item.partnership(),
            item.id(),
            item.period(),
            () -> {
              // Recorded before the run is written, so its end always finds the record.
              instruments.nudged(fact(item, member, place.get(), true, now));
              if (scheduled) {
                periods.record(once, member.id(), now);
              }
            });
    if (r instanceof ConversationService.Nudged.Busy busy) {
      Instant again =
          busy.until().isBefore(now.plus(BUSY_RECHECK)) ? busy.until() : now.plus(BUSY_RECHECK);
      if (again.isBefore(now.plus(Duration.ofMinutes(1)))) {
        again = now.plus(Duration.ofMinutes(1)); // never a loop within the minute
      }
      ZoneId zone = BotRoster.nudgee(member).zone();
      return new Result.Later(
          schedule.quiet().adjust(again.plusSeconds(1), zone == null ? schedule.zone() : zone));
    }
    return Result.DONE;
  }

  /** Active now; a pause whose end has come is over (and ends here). */
  private boolean active(Member member, Instant now) {
    if (member.status() == MemberStatus.ACTIVE) {
      return true;
    }
    if (member.status() != MemberStatus.PAUSED) {
      return false;
    }
    Optional<Instant> until = pauses.until(member.id());
    if (until.isEmpty() || until.get().isAfter(now)) {
      return false;
    }
    members.update(
        member.id(),
        m -> m.status() == MemberStatus.PAUSED ? m.withStatus(MemberStatus.ACTIVE) : m);
    pauses.clear(member.id());
    return true;
  }

  private static NudgeFact fact(
      DueItem item, Member member, Membership place, boolean sent, Instant now) {
    return new NudgeFact(
        item.id(),
        member.id(),
        item.partnership(),
        place.organisation(),
        item.flow(),
        item.period(),
        sent,
        now);
  }
}
