package org.peerloop.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Three months of the default cadences for nine people in three zones, with the clock stepping ten
 * minutes at a time: everyone gets every nudge once, at its local time, and nothing else.
 */
class ThreeMonthsTest {

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant END = Instant.parse("2026-04-01T00:00:00Z");
  private static final Duration STEP = Duration.ofMinutes(10);
  private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  record Nudge(String member, String partnership, String flow, Instant due) {}

  @Test
  void everyoneGetsEachNudgeOnceAtItsLocalTime() {
    FakeRoster roster = new FakeRoster();
    Map<String, ZoneId> zoneOf = new HashMap<>();
    Map<String, String> partnershipOf = new HashMap<>();
    ZoneId[] zones = {NAIROBI, PARIS, NEW_YORK};
    for (int p = 0; p < 3; p++) {
      String partnership = "p" + p;
      Schedule s =
          ScheduleSpec.read(
              Map.of(),
              partnership,
              zones[p],
              ScheduleSpecTest.FLOWS,
              LocalDateTime.ofInstant(START, zones[p]));
      List<Roster.Nudgee> people = new ArrayList<>();
      for (int m = 0; m < 3; m++) {
        String member = "m" + p + m;
        ZoneId own = zones[(p + m) % 3];
        // the first of each partnership has no zone of their own: the partnership's applies
        people.add(new Roster.Nudgee(member, m == 0 ? null : own));
        zoneOf.put(member, own);
        partnershipOf.put(member, partnership);
      }
      roster.add(s, people.toArray(Roster.Nudgee[]::new));
    }

    List<Nudge> expected = expected(zoneOf, partnershipOf);
    // Sanity of the expectation itself: 13 Mondays, 3 first working days, 1 quarter start each.
    assertThat(expected).hasSize(9 * (13 + 3 + 1));

    Map<String, List<Instant>> handedAt = new HashMap<>();
    List<Nudge> got = new ArrayList<>();
    DueHandler recording =
        (item, now) -> {
          synchronized (got) {
            got.add(new Nudge(item.subject(), item.partnership(), item.flow(), item.due()));
            handedAt.computeIfAbsent(item.id(), k -> new ArrayList<>()).add(now);
          }
          return DueHandler.Result.DONE;
        };

    long started = System.nanoTime();
    long planning = 0;
    long polling = 0;
    try (TestMongo mongo = new TestMongo()) {
      MongoDatabase db = mongo.db("months");
      DueStore store = new DueStore(db);
      MutableClock clock = new MutableClock(START);
      Planner planner = new Planner(db, store, roster, clock);
      try (DueWork work =
          new DueWork(
              store, Map.of(DueItem.NUDGE, recording), clock, "node", 4, Duration.ofMinutes(5))) {
        for (Instant t = START; !t.isAfter(END); t = t.plus(STEP)) {
          clock.set(t);
          long a = System.nanoTime();
          if (t.getEpochSecond() % 3600 == 0) {
            planner.plan();
          }
          long b = System.nanoTime();
          work.poll();
          long c = System.nanoTime();
          planning += b - a;
          polling += c - b;
        }
      }
    }
    System.out.printf(
        "three months: %d ms (planning %d ms, polling %d ms), %d nudges%n",
        (System.nanoTime() - started) / 1_000_000,
        planning / 1_000_000,
        polling / 1_000_000,
        got.size());

    assertThat(got).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(Set.copyOf(got)).hasSameSizeAs(got); // none twice
    assertThat(handedAt).hasSameSizeAs(got).allSatisfy((id, at) -> assertThat(at).hasSize(1));
    for (Nudge n : got) {
      String id =
          DueItem.nudgeId(
              n.member(),
              n.partnership(),
              n.flow(),
              occurrenceOf(n, zoneOf.get(n.member())).toString());
      assertThat(handedAt).containsKey(id);
      Instant at = handedAt.get(id).get(0);
      assertThat(at).as(id).isBetween(n.due(), n.due().plus(STEP).minusNanos(1));
    }
  }

  /**
   * Worked out with java.time alone: each Monday 09:00, the first weekday of each month 10:00
   * (health) and of January and April (reflect), in the member's zone, between the start and end.
   */
  private static List<Nudge> expected(
      Map<String, ZoneId> zoneOf, Map<String, String> partnershipOf) {
    List<Nudge> out = new ArrayList<>();
    for (var e : zoneOf.entrySet()) {
      String member = e.getKey();
      ZoneId zone = e.getValue();
      String partnership = partnershipOf.get(member);
      for (LocalDate d = LocalDate.of(2025, 12, 25);
          d.isBefore(LocalDate.of(2026, 4, 10));
          d = d.plusDays(1)) {
        List<String[]> today = new ArrayList<>();
        if (d.getDayOfWeek() == DayOfWeek.MONDAY) {
          today.add(new String[] {"checkin", "09:00"});
        }
        LocalDate first = d.withDayOfMonth(1);
        while (first.getDayOfWeek() == DayOfWeek.SATURDAY
            || first.getDayOfWeek() == DayOfWeek.SUNDAY) {
          first = first.plusDays(1);
        }
        if (d.equals(first)) {
          today.add(new String[] {"health", "10:00"});
          if (Set.of(Month.JANUARY, Month.APRIL, Month.JULY, Month.OCTOBER)
              .contains(d.getMonth())) {
            today.add(new String[] {"reflect", "10:00"});
          }
        }
        for (String[] f : today) {
          LocalTime t = LocalTime.parse(f[1]);
          // none of these falls in the quiet hours (20:00–07:00), so none moves
          assertThat(t).isBetween(LocalTime.of(7, 0), LocalTime.of(19, 59));
          Instant due = ZonedDateTime.of(d, t, zone).toInstant();
          if (!due.isBefore(START) && !due.isAfter(END)) {
            out.add(new Nudge(member, partnership, f[0], due));
          }
        }
      }
    }
    return out;
  }

  private static LocalDateTime occurrenceOf(Nudge n, ZoneId zone) {
    return n.due().atZone(zone).toLocalDateTime();
  }
}
