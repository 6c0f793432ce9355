package org.peerloop.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlannerTest {

  private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  /** Saturday noon: Monday 09:00 anywhere is within the planner's reach. */
  private static final Instant SATURDAY = Instant.parse("2026-01-03T12:00:00Z");

  private static final String MONDAY = "2026-01-05T09:00";

  private static TestMongo mongo;
  private static int databases;

  private MongoDatabase db;
  private DueStore store;
  private MutableClock clock;
  private FakeRoster roster;
  private Planner planner;
  private DueWork work;
  private Recorder handled;

  @BeforeAll
  static void start() {
    mongo = new TestMongo();
  }

  @AfterAll
  static void stop() {
    mongo.close();
  }

  @BeforeEach
  void fresh() {
    db = mongo.db("plan" + databases++);
    store = new DueStore(db);
    clock = new MutableClock(SATURDAY);
    roster = new FakeRoster();
    planner = new Planner(db, store, roster, clock);
    handled = new Recorder();
    work = new DueWork(store, Map.of(DueItem.NUDGE, handled), clock, "n", 2, Duration.ofMinutes(5));
  }

  @AfterEach
  void close() {
    work.close();
  }

  private static Schedule schedule(String partnership, ZoneId zone, Map<String, ?> body) {
    return ScheduleSpec.read(
        body, partnership, zone, ScheduleSpecTest.FLOWS, LocalDateTime.parse("2026-01-01T00:00"));
  }

  private DueItem nudge(String member, String partnership, String flow, String occurrence) {
    return store
        .find(DueItem.nudgeId(member, partnership, flow, occurrence))
        .orElseThrow(() -> new AssertionError("no nudge for " + member + " at " + occurrence));
  }

  private void threeZones(Schedule s) {
    roster.add(
        s,
        new Roster.Nudgee("amina", NAIROBI),
        new Roster.Nudgee("luc", null), // the partnership's zone
        new Roster.Nudgee("joe", NEW_YORK));
  }

  @Test
  void eachMemberIsNudgedAtNineInTheirOwnZone() {
    threeZones(schedule("p1", PARIS, Map.of()));
    assertThat(planner.plan()).isEqualTo(3);

    DueItem amina = nudge("amina", "p1", "checkin", MONDAY);
    DueItem luc = nudge("luc", "p1", "checkin", MONDAY);
    DueItem joe = nudge("joe", "p1", "checkin", MONDAY);
    assertThat(amina.due()).isEqualTo(Instant.parse("2026-01-05T06:00:00Z"));
    assertThat(luc.due()).isEqualTo(Instant.parse("2026-01-05T08:00:00Z"));
    assertThat(joe.due()).isEqualTo(Instant.parse("2026-01-05T14:00:00Z"));
    for (DueItem i : List.of(amina, luc, joe)) {
      assertThat(i.kind()).isEqualTo(DueItem.NUDGE);
      assertThat(i.partnership()).isEqualTo("p1");
      assertThat(i.flow()).isEqualTo("checkin");
      assertThat(i.period()).isEqualTo("2026-W02");
      assertThat(i.until()).isEqualTo(i.due().plus(Duration.ofDays(2)));
    }
    assertThat(amina.subject()).isEqualTo("amina");

    // planned once: planning again files nothing
    assertThat(planner.plan()).isZero();
    clock.advance(Duration.ofHours(1));
    assertThat(planner.plan()).isZero();
  }

  @Test
  void anOccurrenceIsPlannedAboutTwoDaysAhead() {
    threeZones(schedule("p1", PARIS, Map.of()));
    clock.set(Instant.parse("2026-01-02T12:00:00Z")); // Monday is three days off
    assertThat(planner.plan()).isZero();
    clock.set(Instant.parse("2026-01-03T07:00:00Z")); // 50 hours before Monday 09:00 UTC
    assertThat(planner.plan()).isEqualTo(3);
    // New York's 09:00 is still 55 hours off, Nairobi's 47
    assertThat(nudge("joe", "p1", "checkin", MONDAY).due())
        .isEqualTo(clock.instant().plus(Duration.ofHours(55)));
  }

  @Test
  void theNudgesAreHandedOverAtNineLocal() {
    threeZones(schedule("p1", PARIS, Map.of()));
    planner.plan();
    for (Instant t = SATURDAY;
        t.isBefore(Instant.parse("2026-01-06T00:00:00Z"));
        t = t.plus(Duration.ofMinutes(10))) {
      clock.set(t);
      work.poll();
    }
    assertThat(handled.calls)
        .containsOnlyKeys(
            DueItem.nudgeId("amina", "p1", "checkin", MONDAY),
            DueItem.nudgeId("luc", "p1", "checkin", MONDAY),
            DueItem.nudgeId("joe", "p1", "checkin", MONDAY));
    assertThat(handled.calls.get(DueItem.nudgeId("amina", "p1", "checkin", MONDAY)))
        .containsExactly(Instant.parse("2026-01-05T06:00:00Z"));
    assertThat(handled.calls.get(DueItem.nudgeId("joe", "p1", "checkin", MONDAY)))
        .containsExactly(Instant.parse("2026-01-05T14:00:00Z"));
  }

  @Test
  void quietHoursAreKeptInEachZone() {
    // a weekly check-in at 06:00, and the quiet hours end at 07:30
    threeZones(
        schedule(
            "p1",
            PARIS,
            Map.of(
                "quietHours", Map.of("from", "21:00", "to", "07:30"),
                "cadences",
                    List.of(
                        Map.of(
                            "flow", "checkin", "every", "week", "day", "monday", "time",
                            "06:00")))));
    assertThat(planner.plan()).isEqualTo(3);
    String occurrence = "2026-01-05T06:00";
    assertThat(nudge("amina", "p1", "checkin", occurrence).due())
        .isEqualTo(Instant.parse("2026-01-05T04:30:00Z"));
    assertThat(nudge("luc", "p1", "checkin", occurrence).due())
        .isEqualTo(Instant.parse("2026-01-05T06:30:00Z"));
    assertThat(nudge("joe", "p1", "checkin", occurrence).due())
        .isEqualTo(Instant.parse("2026-01-05T12:30:00Z"));
  }

  @Test
  void aLateEveningNudgeWaitsForTheMorning() {
    threeZones(
        schedule(
            "p1",
            NAIROBI,
            Map.of(
                "cadences",
                List.of(
                    Map.of(
                        "flow", "checkin", "every", "week", "day", "sunday", "time", "21:30")))));
    assertThat(planner.plan()).isEqualTo(3);
    String occurrence = "2026-01-04T21:30";
    for (var m :
        List.of(
            new Object[] {"amina", NAIROBI},
            new Object[] {"luc", NAIROBI},
            new Object[] {"joe", NEW_YORK})) {
      DueItem i = nudge((String) m[0], "p1", "checkin", occurrence);
      ZoneId zone = (ZoneId) m[1];
      assertThat(i.due().atZone(zone).toLocalDateTime())
          .isEqualTo(LocalDateTime.parse("2026-01-05T07:00"));
      assertThat(QuietHours.DEFAULT.contains(i.due().atZone(zone).toLocalTime())).isFalse();
      assertThat(i.period()).isEqualTo("2026-W01"); // it still counts in the week it was for
    }
  }

  @Test
  void aLateJoinerIsPlannedAloneForWhatIsStillAhead() {
    threeZones(schedule("p1", PARIS, Map.of()));
    planner.plan();

    Roster.Nudgee kim = new Roster.Nudgee("kim", TOKYO);
    roster.join("p1", kim);
    assertThat(planner.planMember("p1", kim)).isEqualTo(1);
    assertThat(nudge("kim", "p1", "checkin", MONDAY).due())
        .isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));

    // Monday 07:00 UTC: 10:00 in Nairobi (passed), 02:00 in New York (ahead)
    clock.set(Instant.parse("2026-01-05T07:00:00Z"));
    assertThat(planner.planMember("p1", new Roster.Nudgee("zawadi", NAIROBI))).isZero();
    assertThat(store.find(DueItem.nudgeId("zawadi", "p1", "checkin", MONDAY))).isEmpty();
    assertThat(planner.planMember("p1", new Roster.Nudgee("ana", NEW_YORK))).isOne();
    assertThat(nudge("ana", "p1", "checkin", MONDAY).due())
        .isEqualTo(Instant.parse("2026-01-05T14:00:00Z"));
  }

  @Test
  void aMemberWhoMovesIsNudgedAtTheNewTimeOnly() {
    threeZones(schedule("p1", PARIS, Map.of()));
    planner.plan();
    // amina moves from Nairobi to New York (later), joe from New York to Tokyo (earlier)
    planner.planMember("p1", new Roster.Nudgee("amina", NEW_YORK));
    planner.planMember("p1", new Roster.Nudgee("joe", TOKYO));
    assertThat(nudge("amina", "p1", "checkin", MONDAY).due())
        .isEqualTo(Instant.parse("2026-01-05T14:00:00Z"));
    assertThat(nudge("joe", "p1", "checkin", MONDAY).due())
        .isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));

    for (Instant t = SATURDAY;
        t.isBefore(Instant.parse("2026-01-06T00:00:00Z"));
        t = t.plus(Duration.ofMinutes(10))) {
      clock.set(t);
      work.poll();
    }
    assertThat(handled.calls.get(DueItem.nudgeId("amina", "p1", "checkin", MONDAY)))
        .containsExactly(Instant.parse("2026-01-05T14:00:00Z"));
    assertThat(handled.calls.get(DueItem.nudgeId("joe", "p1", "checkin", MONDAY)))
        .containsExactly(Instant.parse("2026-01-05T00:00:00Z"));
    assertThat(handled.total()).isEqualTo(3);
  }

  @Test
  void aMeetingTimeSkippedByTheClockChangeHappensAnHourLater() {
    roster.add(
        schedule(
            "p1",
            NEW_YORK,
            Map.of(
                "quietHours", Map.of("from", "00:00", "to", "00:00"),
                "cadences",
                    List.of(
                        Map.of(
                            "flow", "checkin", "every", "week", "day", "sunday", "time",
                            "02:30")))),
        new Roster.Nudgee("joe", null),
        new Roster.Nudgee("luc", PARIS));
    clock.set(Instant.parse("2026-03-06T12:00:00Z"));
    planner.plan();
    assertThat(
            nudge("joe", "p1", "checkin", "2026-03-08T02:30").due().atZone(NEW_YORK).toLocalTime())
        .isEqualTo(LocalTime.of(3, 30));
    assertThat(nudge("luc", "p1", "checkin", "2026-03-08T02:30").due())
        .isEqualTo(Instant.parse("2026-03-08T01:30:00Z"));
  }
}
