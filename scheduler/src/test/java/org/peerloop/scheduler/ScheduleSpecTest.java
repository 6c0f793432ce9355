package org.peerloop.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleSpecTest {

  private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");
  private static final LocalDateTime NOW = LocalDateTime.parse("2026-01-01T00:00");
  static final Function<String, Optional<Period.Kind>> FLOWS =
      flow ->
          Optional.ofNullable(
              Map.of(
                      "checkin", Period.Kind.WEEK,
                      "health", Period.Kind.MONTH,
                      "reflect", Period.Kind.QUARTER)
                  .get(flow));

  private static Schedule read(Map<String, ?> body) {
    return ScheduleSpec.read(body, "p1", NAIROBI, FLOWS, NOW);
  }

  private static Map<String, Object> weekly(String flow) {
    return Map.of("flow", flow, "every", "week", "day", "monday", "time", "09:00");
  }

  @Test
  void withoutCadencesTheDefaultsApplyInThePartnershipsZone() {
    Schedule s = read(Map.of());
    assertThat(s.partnership()).isEqualTo("p1");
    assertThat(s.zone()).isEqualTo(NAIROBI);
    assertThat(s.quiet()).isEqualTo(QuietHours.DEFAULT);
    assertThat(s.cadences()).isEqualTo(CadenceRule.defaults());
  }

  @Test
  void aFullScheduleIsRead() {
    Schedule s =
        read(
            Map.of(
                "timezone", "Europe/Paris",
                "quietHours", Map.of("from", "21:00", "to", "08:00"),
                "cadences",
                    List.of(
                        Map.of(
                            "flow",
                            "checkin",
                            "every",
                            "2 weeks",
                            "day",
                            "Friday",
                            "time",
                            "16:30",
                            "from",
                            "2026-01-07"),
                        Map.of("flow", "health", "every", "month", "day", 31, "time", "10:00"),
                        Map.of("flow", "reflect", "cron", "0 0 10 1W 1,4,7,10 ?"))));
    assertThat(s.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(s.quiet()).isEqualTo(new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)));
    assertThat(s.cadence("checkin").orElseThrow().when())
        .isEqualTo(
            new When.Weekly(2, DayOfWeek.FRIDAY, LocalTime.of(16, 30), LocalDate.of(2026, 1, 7)));
    assertThat(s.cadence("health").orElseThrow().when())
        .isEqualTo(new When.Monthly(false, 31, LocalTime.of(10, 0)));
    assertThat(s.cadence("reflect").orElseThrow().when())
        .isEqualTo(new When.Cron("0 0 10 1W 1,4,7,10 ?"));
    assertThat(s.cadence("other")).isEmpty();
  }

  @Test
  void anUnknownTimeZone() {
    assertThatThrownBy(() -> read(Map.of("timezone", "Mars/Olympus")))
        .isInstanceOf(ScheduleException.class)
        .hasMessage("'Mars/Olympus' is not a time zone; use a name like Africa/Nairobi");
  }

  @ParameterizedTest
  @CsvSource({"25:00", "9am", "09:60", "''"})
  void aBadTime(String time) {
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "cadences",
                        List.of(Map.of("flow", "checkin", "every", "week", "time", time)))))
        .isInstanceOf(ScheduleException.class)
        .hasMessageStartingWith("cadences[0].time");
    assertThatThrownBy(() -> read(Map.of("quietHours", Map.of("from", time, "to", "07:00"))))
        .isInstanceOf(ScheduleException.class)
        .hasMessageStartingWith("quietHours.from");
  }

  @Test
  void theTimeMessageShowsTheForm() {
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "cadences",
                        List.of(Map.of("flow", "checkin", "every", "week", "time", "25:00")))))
        .hasMessage("cadences[0].time: a time like 09:00");
  }

  @Test
  void anUnknownEvery() {
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "cadences",
                        List.of(
                            weekly("checkin"), Map.of("flow", "health", "every", "fortnight")))))
        .isInstanceOf(ScheduleException.class)
        .hasMessage(
            "cadences[1].every: 'fortnight' is not a cadence; use week, 2 weeks, month, quarter,"
                + " or a cron expression");
  }

  @Test
  void tooManyWeeks() {
    assertThatThrownBy(
            () -> read(Map.of("cadences", List.of(Map.of("flow", "checkin", "every", "27 weeks")))))
        .hasMessage("cadences[0].every: between 1 and 26 weeks");
    assertThatThrownBy(
            () -> read(Map.of("cadences", List.of(Map.of("flow", "checkin", "every", "0 weeks")))))
        .hasMessage("cadences[0].every: between 1 and 26 weeks");
  }

  @Test
  void aDuplicateFlow() {
    assertThatThrownBy(
            () -> read(Map.of("cadences", List.of(weekly("checkin"), weekly("checkin")))))
        .isInstanceOf(ScheduleException.class)
        .hasMessage("cadences: checkin appears twice; keep one");
  }

  @Test
  void anUnknownFlow() {
    assertThatThrownBy(() -> read(Map.of("cadences", List.of(weekly("gossip")))))
        .isInstanceOf(ScheduleException.class)
        .hasMessage("gossip is not a flow that can be scheduled");
  }

  @Test
  void aMissingFlow() {
    assertThatThrownBy(() -> read(Map.of("cadences", List.of(Map.of("every", "week")))))
        .hasMessage("cadences[0]: name the flow, e.g. \"flow\": \"checkin\"");
  }

  @ParameterizedTest
  @CsvSource({"0", "32", "-1", "first"})
  void aBadDayOfTheMonth(String day) {
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "cadences",
                        List.of(Map.of("flow", "health", "every", "month", "day", day)))))
        .isInstanceOf(ScheduleException.class)
        .hasMessage("cadences[0].day: a day of the month (1–31) or first-working-day");
  }

  @Test
  void aBadWeekday() {
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "cadences", List.of(Map.of("flow", "checkin", "every", "week", "day", 0)))))
        .hasMessage("cadences[0].day: a weekday like monday");
  }

  @Test
  void aRuleThatBreaksItsFlowsPeriodIsRefused() {
    assertThatThrownBy(() -> read(Map.of("cadences", List.of(weekly("health")))))
        .isInstanceOf(ScheduleException.class)
        .hasMessageContaining("health is asked at most once a month");
  }

  @Test
  void notAList() {
    assertThatThrownBy(() -> read(Map.of("cadences", "weekly")))
        .hasMessage("cadences must be a list");
    assertThatThrownBy(() -> ScheduleSpec.read(null, "p1", NAIROBI, FLOWS, NOW))
        .isInstanceOf(ScheduleException.class);
  }

  @Test
  void writtenThenReadIsTheSameSchedule() {
    List<Schedule> schedules =
        List.of(
            read(Map.of()),
            new Schedule(
                "p1",
                ZoneId.of("America/New_York"),
                new QuietHours(LocalTime.of(22, 30), LocalTime.of(6, 15)),
                List.of(
                    new CadenceRule(
                        "checkin",
                        new When.Weekly(
                            3, DayOfWeek.SUNDAY, LocalTime.of(18, 45), LocalDate.of(2026, 2, 4))),
                    new CadenceRule("health", new When.Monthly(false, 31, LocalTime.of(8, 0))),
                    new CadenceRule("reflect", new When.Cron("0 0 10 1W 1,4,7,10 ?")))),
            new Schedule(
                "p1",
                NAIROBI,
                QuietHours.DEFAULT,
                List.of(
                    new CadenceRule(
                        "checkin",
                        new When.Weekly(
                            1, DayOfWeek.MONDAY, LocalTime.of(9, 0), ScheduleSpec.DEFAULT_ANCHOR)),
                    new CadenceRule("reflect", new When.Monthly(true, 15, LocalTime.of(10, 0))))));
    for (Schedule s : schedules) {
      Map<String, Object> written = ScheduleSpec.write(s);
      assertThat(read(written)).isEqualTo(s);
      // and what is written is stable
      assertThat(ScheduleSpec.write(read(written))).isEqualTo(written);
    }
  }

  @Test
  void theWrittenFormIsReadable() {
    Map<String, Object> written = ScheduleSpec.write(read(Map.of()));
    assertThat(written.get("timezone")).isEqualTo("Africa/Nairobi");
    assertThat(written.get("quietHours")).isEqualTo(Map.of("from", "20:00", "to", "07:00"));
    assertThat(written.get("cadences"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
        .containsExactly(
            Map.of(
                "flow", "checkin",
                "every", "week",
                "day", "monday",
                "time", "09:00",
                "description", "every week on monday at 09:00"),
            Map.of(
                "flow", "health",
                "every", "month",
                "day", "first-working-day",
                "time", "10:00",
                "description", "every month on the first working day at 10:00"),
            Map.of(
                "flow", "reflect",
                "every", "quarter",
                "day", "first-working-day",
                "time", "10:00",
                "description", "every quarter on the first working day at 10:00"));
  }
}
