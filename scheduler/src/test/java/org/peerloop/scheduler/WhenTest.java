package org.peerloop.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WhenTest {

  private static final LocalTime NINE = LocalTime.of(9, 0);
  private static final LocalTime TEN = LocalTime.of(10, 0);

  static List<LocalDateTime> sequence(When when, LocalDateTime after, int n) {
    List<LocalDateTime> out = new ArrayList<>();
    LocalDateTime t = after;
    for (int i = 0; i < n; i++) {
      t = when.next(t).orElseThrow();
      out.add(t);
    }
    return out;
  }

  @Test
  void weeklyOnMondayAtNine() {
    When w = new When.Weekly(1, DayOfWeek.MONDAY, NINE, ScheduleSpec.DEFAULT_ANCHOR);
    // 2026-01-01 is a Thursday
    assertThat(sequence(w, LocalDateTime.parse("2026-01-01T12:00"), 4))
        .containsExactly(
            LocalDateTime.parse("2026-01-05T09:00"),
            LocalDateTime.parse("2026-01-12T09:00"),
            LocalDateTime.parse("2026-01-19T09:00"),
            LocalDateTime.parse("2026-01-26T09:00"));
  }

  @Test
  void nextIsStrictlyAfter() {
    When w = new When.Weekly(1, DayOfWeek.MONDAY, NINE, ScheduleSpec.DEFAULT_ANCHOR);
    assertThat(w.next(LocalDateTime.parse("2026-01-05T08:59:59")))
        .contains(LocalDateTime.parse("2026-01-05T09:00"));
    assertThat(w.next(LocalDateTime.parse("2026-01-05T09:00")))
        .contains(LocalDateTime.parse("2026-01-12T09:00"));
  }

  @Test
  void everyTwoWeeksCountsFromTheAnchor() {
    // anchored on the week of Wednesday 2026-01-07 (Monday 01-05): fires that week, not the next
    When w = new When.Weekly(2, DayOfWeek.FRIDAY, NINE, LocalDate.of(2026, 1, 7));
    assertThat(sequence(w, LocalDateTime.parse("2026-01-01T00:00"), 4))
        .containsExactly(
            LocalDateTime.parse("2026-01-09T09:00"),
            LocalDateTime.parse("2026-01-23T09:00"),
            LocalDateTime.parse("2026-02-06T09:00"),
            LocalDateTime.parse("2026-02-20T09:00"));
    // the other anchor week fires in the weeks in between; before the anchor too
    When other = new When.Weekly(2, DayOfWeek.FRIDAY, NINE, LocalDate.of(2026, 1, 12));
    assertThat(sequence(other, LocalDateTime.parse("2025-12-20T00:00"), 3))
        .containsExactly(
            LocalDateTime.parse("2026-01-02T09:00"),
            LocalDateTime.parse("2026-01-16T09:00"),
            LocalDateTime.parse("2026-01-30T09:00"));
  }

  @Test
  void monthlyOnTheFirstWorkingDay() {
    When m = new When.Monthly(false, null, TEN);
    List<LocalDateTime> got = sequence(m, LocalDateTime.parse("2025-12-31T00:00"), 12);
    // checked independently: the first day of each 2026 month that is not Saturday or Sunday
    List<LocalDateTime> expected = new ArrayList<>();
    for (Month month : Month.values()) {
      LocalDate d = LocalDate.of(2026, month, 1);
      while (d.getDayOfWeek().getValue() > 5) {
        d = d.plusDays(1);
      }
      expected.add(d.atTime(TEN));
    }
    assertThat(got).isEqualTo(expected);
    assertThat(got)
        .contains(
            LocalDateTime.parse("2026-01-01T10:00"), // Thursday
            LocalDateTime.parse("2026-02-02T10:00"), // 1st is a Sunday
            LocalDateTime.parse("2026-08-03T10:00"), // 1st is a Saturday
            LocalDateTime.parse("2026-11-02T10:00")); // 1st is a Sunday
  }

  @ParameterizedTest
  @CsvSource({
    "31, 2026-01-31, 2026-02-28, 2026-03-31, 2026-04-30",
    "30, 2026-01-30, 2026-02-28, 2026-03-30, 2026-04-30",
    "29, 2028-01-29, 2028-02-29, 2028-03-29, 2028-04-29",
    "15, 2026-01-15, 2026-02-15, 2026-03-15, 2026-04-15"
  })
  void aDayOfTheMonthIsTheLastDayInShorterMonths(
      int day, LocalDate a, LocalDate b, LocalDate c, LocalDate d) {
    When m = new When.Monthly(false, day, NINE);
    LocalDateTime from = a.withDayOfMonth(1).atStartOfDay();
    assertThat(sequence(m, from, 4))
        .containsExactly(a.atTime(NINE), b.atTime(NINE), c.atTime(NINE), d.atTime(NINE));
  }

  @Test
  void quarterlyOnlyInJanuaryAprilJulyAndOctober() {
    When q = new When.Monthly(true, null, TEN);
    assertThat(sequence(q, LocalDateTime.parse("2026-01-01T11:00"), 5))
        .containsExactly(
            LocalDateTime.parse("2026-04-01T10:00"),
            LocalDateTime.parse("2026-07-01T10:00"),
            LocalDateTime.parse("2026-10-01T10:00"),
            LocalDateTime.parse("2027-01-01T10:00"),
            LocalDateTime.parse("2027-04-01T10:00"));
    When q31 = new When.Monthly(true, 31, TEN);
    assertThat(sequence(q31, LocalDateTime.parse("2026-01-01T00:00"), 4))
        .containsExactly(
            LocalDateTime.parse("2026-01-31T10:00"),
            LocalDateTime.parse("2026-04-30T10:00"),
            LocalDateTime.parse("2026-07-31T10:00"),
            LocalDateTime.parse("2026-10-31T10:00"));
  }

  @Test
  void cronOnMondaysAtNineMatchesWeekly() {
    When cron = new When.Cron("0 0 9 ? * MON");
    When weekly = new When.Weekly(1, DayOfWeek.MONDAY, NINE, ScheduleSpec.DEFAULT_ANCHOR);
    for (String start : List.of("2026-01-01T00:00", "2026-03-08T09:00", "2026-10-25T08:59:30")) {
      LocalDateTime from = LocalDateTime.parse(start);
      assertThat(sequence(cron, from, 60)).as(start).isEqualTo(sequence(weekly, from, 60));
    }
  }

  @Test
  void cronIsReadWithoutDaylightSaving() {
    // 02:30 exists every day in local calendar terms, spring-forward day included
    When cron = new When.Cron("0 30 2 * * ?");
    assertThat(cron.next(LocalDateTime.parse("2026-03-29T00:00")))
        .contains(LocalDateTime.parse("2026-03-29T02:30"));
  }

  @Test
  void cronThatNeverFiresIsEmpty() {
    assertThat(new When.Cron("0 0 9 30 2 ?").next(LocalDateTime.parse("2026-01-01T00:00")))
        .isEmpty();
  }

  @Test
  void notACronExpression() {
    assertThatThrownBy(() -> new When.Cron("every monday"))
        .isInstanceOf(ScheduleException.class)
        .hasMessageContaining("'every monday' is not a cron expression");
  }

  @Test
  void descriptions() {
    assertThat(new When.Weekly(2, DayOfWeek.MONDAY, NINE, ScheduleSpec.DEFAULT_ANCHOR).describe())
        .isEqualTo("every 2 weeks on monday at 09:00");
    assertThat(new When.Monthly(true, null, TEN).describe())
        .isEqualTo("every quarter on the first working day at 10:00");
    assertThat(new When.Monthly(false, 31, TEN).describe())
        .isEqualTo("every month on day 31 at 10:00");
  }
}
