package org.peerloop.bot.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.peerloop.bot.instruments.Cadence;
import org.peerloop.bot.people.Member;
import org.peerloop.bot.people.MemberStatus;
import org.peerloop.bot.people.MemberStore;
import org.peerloop.bot.people.Membership;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.PartnershipStore;
import org.peerloop.scheduler.CadenceRule;
import org.peerloop.scheduler.DueItem;
import org.peerloop.scheduler.DueStore;
import org.peerloop.scheduler.LocalTimes;
import org.peerloop.scheduler.Period;
import org.peerloop.scheduler.Planner;
import org.peerloop.scheduler.Schedule;
import org.springframework.stereotype.Component;

/**
 * What people and facilitators do with the schedule: pause until a date, see what is coming, send a
 * flow now, and keep a member's planned nudges right when they join, resume or move.
 */
@Component
public class Facilitation {

  static final Duration LONGEST_PAUSE = Duration.ofDays(366);
  private static final Pattern LENGTH =
      Pattern.compile("(\\d{1,3})\\s*(day|days|week|weeks|wiki|siku|jours?|semaines?)");

  private final MemberStore members;
  private final PartnershipStore partnerships;
  private final ScheduleStore schedules;
  private final Pauses pauses;
  private final DueStore due;
  private final Planner planner;

  Facilitation(
      MemberStore members,
      PartnershipStore partnerships,
      ScheduleStore schedules,
      Pauses pauses,
      DueStore due,
      Planner planner) {
    this.members = members;
    this.partnerships = partnerships;
    this.schedules = schedules;
    this.pauses = pauses;
    this.due = due;
    this.planner = planner;
  }

  /** How a pause request ended: paused (until a moment, or null for open-ended), or refused. */
  public sealed interface Pause {
    record Paused(Instant until) implements Pause {}

    /** {@code reason}: pause-past, pause-bad or pause-too-long. */
    record Refused(String reason) implements Pause {}
  }

  /**
   * Reads {@code /pause}'s argument — nothing, a length ({@code 2 weeks}, {@code 10 days}) or a
   * date ({@code 2026-12-15}, the pause ending when that day starts where the member is) — and
   * pauses the member.
   */
  public Pause pause(Member m, String argument, ZoneId zone, Instant now) {
    String a = argument == null ? "" : argument.strip().toLowerCase(Locale.ROOT);
    Instant until = null;
    if (!a.isEmpty()) {
      Matcher length = LENGTH.matcher(a);
      if (length.matches()) {
        int n = Integer.parseInt(length.group(1));
        boolean weeks =
            length.group(2).startsWith("week")
                || length.group(2).startsWith("wiki")
                || length.group(2).startsWith("semaine");
        until = now.plus(Duration.ofDays(weeks ? 7L * n : n));
      } else {
        try {
          until = LocalDate.parse(a).atStartOfDay(zone).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
          return new Pause.Refused("pause-bad");
        }
      }
      if (!until.isAfter(now)) {
        return new Pause.Refused("pause-past");
      }
      if (until.isAfter(now.plus(LONGEST_PAUSE))) {
        return new Pause.Refused("pause-too-long");
      }
    }
    if (until == null) {
      pauses.clear(m.id());
    } else {
      pauses.until(m.id(), until);
      // Resumed when the pause ends, not at the next nudge: /nudge and /schedule count them then.
      due.file(List.of(ResumeHandler.item(m.id(), until)), now);
    }
    members.update(
        m.id(),
        x -> x.status().canBecome(MemberStatus.PAUSED) ? x.withStatus(MemberStatus.PAUSED) : x);
    return new Pause.Paused(until);
  }

  /** The member resumed or moved: plan the nudges already planned for others. */
  public void replan(String memberId) {
    members
        .find(memberId)
        .ifPresent(
            m -> {
              if (m.status() == MemberStatus.ACTIVE) {
                pauses.clear(m.id());
              }
              for (Membership place : m.memberships()) {
                planner.planMember(place.partnership(), BotRoster.nudgee(m));
              }
            });
  }

  public Optional<Instant> pausedUntil(String memberId) {
    return pauses.until(memberId);
  }

  /** One scheduled flow's next nudge for a member, at their local time. */
  public record Next(String flow, LocalDateTime occurrence, Instant at, String rule) {}

  /** The next nudge of each of {@code p}'s cadences for {@code m} (or in the schedule's zone). */
  public List<Next> upcoming(Partnership p, Member m, Instant now) {
    Schedule s = schedules.of(p);
    ZoneId zone = zone(s, m);
    List<Next> out = new ArrayList<>();
    for (CadenceRule rule : s.cadences()) {
      LocalDateTime local = now.atZone(zone).toLocalDateTime();
      rule.next(local)
          .ifPresent(
              o ->
                  out.add(
                      new Next(
                          rule.flow(),
                          o,
                          LocalTimes.due(o, zone, s.quiet()),
                          rule.when().describe())));
    }
    out.sort(java.util.Comparator.comparing(Next::at));
    return out;
  }

  public Schedule schedule(Partnership p) {
    return schedules.of(p);
  }

  /**
   * Replaces {@code p}'s schedule with the one in {@code body}, checked first ({@link
   * org.peerloop.scheduler.ScheduleException} says what is wrong). Nudges planned under the old one
   * are dropped when they fall due; the new cadences are planned from now.
   */
  public Schedule replace(Partnership p, java.util.Map<String, ?> body, java.time.Clock clock) {
    Schedule s = ScheduleStore.read(p, body, clock);
    schedules.save(s, p);
    return s;
  }

  static ZoneId zone(Schedule s, Member m) {
    ZoneId own = m == null ? null : BotRoster.nudgee(m).zone();
    return own == null ? s.zone() : own;
  }

  /** Who a facilitator's "now" reaches: the partnership, one organisation, or one member. */
  public record Audience(String organisation, String memberId) {
    public static final Audience EVERYONE = new Audience(null, null);
  }

  /**
   * Sends {@code flow} now to the audience in {@code p}: one due item per active member, due now
   * (or when their quiet hours end), counting in the current period. Answers how many.
   */
  public int now(Partnership p, String flow, Audience audience, Instant now) {
    Period.Kind kind =
        Cadence.schedulable(flow)
            .orElseThrow(() -> new IllegalArgumentException(flow + " cannot be sent as a nudge"));
    Schedule s = schedules.of(p);
    String occurrence = NudgeHandler.NOW + UUID.randomUUID().toString().substring(0, 8);
    List<DueItem> items = new ArrayList<>();
    for (Member m : members.inPartnership(p.slug())) {
      if (m.status() != MemberStatus.ACTIVE || !reaches(m, p.slug(), audience)) {
        continue;
      }
      ZoneId zone = zone(s, m);
      Instant at = s.quiet().adjust(now, zone);
      Period period = Period.of(kind, now, p.zone());
      items.add(
          new DueItem(
              DueItem.nudgeId(m.id(), p.slug(), flow, occurrence),
              DueItem.NUDGE,
              m.id(),
              p.slug(),
              flow,
              occurrence,
              period.id(),
              at,
              LocalTimes.usefulUntil(at, period, zone),
              0));
    }
    due.file(items, now);
    return items.size();
  }

  private static boolean reaches(Member m, String partnership, Audience a) {
    if (a.memberId() != null) {
      return m.id().equals(a.memberId());
    }
    if (a.organisation() != null) {
      return m.in(partnership).map(x -> x.organisation().equals(a.organisation())).orElse(false);
    }
    return true;
  }

  /** How many active members of {@code p} a nudge would reach now. */
  public long reach(Partnership p) {
    return members.inPartnership(p.slug()).stream()
        .filter(m -> m.status() == MemberStatus.ACTIVE)
        .count();
  }

  public Optional<Partnership> partnership(String slug) {
    return partnerships.find(slug);
  }

  /** A date and time as people read them in {@code language}: {@code Mon 30 Nov, 09:00}. */
  public static String when(Instant at, ZoneId zone, String language) {
    return DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.forLanguageTag(language))
        .format(at.atZone(zone));
  }
}
