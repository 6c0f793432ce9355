package org.peerloop.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalTimesTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final QuietHours NONE = new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

  /**
   * A 09:00 occurrence on the day before and the day of a clock change is 09:00 local both times;
   * the instants are a day apart plus or minus the hour the clocks moved.
   */
  @ParameterizedTest
  @CsvSource({
    // zone, day of the change, UTC of 09:00 the day before, UTC of 09:00 that day, day length (h)
    "Europe/Paris, 2026-03-29, 2026-03-28T08:00:00Z, 2026-03-29T07:00:00Z, 23",
    "Europe/Paris, 2026-10-25, 2026-10-24T07:00:00Z, 2026-10-25T08:00:00Z, 25",
    "America/New_York, 2026-03-08, 2026-03-07T14:00:00Z, 2026-03-08T13:00:00Z, 23",
    "America/New_York, 2026-11-01, 2026-10-31T13:00:00Z, 2026-11-01T14:00:00Z, 25"
  })
  void nineOClockStaysNineOClockAcrossAClockChange(
      ZoneId zone, LocalDate change, Instant before, Instant after, int hours) {
    for (QuietHours quiet : new QuietHours[] {QuietHours.DEFAULT, NONE}) {
      Instant a = LocalTimes.due(change.minusDays(1).atTime(9, 0), zone, quiet);
      Instant b = LocalTimes.due(change.atTime(9, 0), zone, quiet);
      assertThat(a).isEqualTo(before);
      assertThat(b).isEqualTo(after);
      assertThat(a.atZone(zone).toLocalTime()).isEqualTo(LocalTime.of(9, 0));
      assertThat(b.atZone(zone).toLocalTime()).isEqualTo(LocalTime.of(9, 0));
      assertThat(Duration.between(a, b)).isEqualTo(Duration.ofHours(hours));
      // the offset changed by exactly the difference from a 24-hour day
      int offsetChange =
          b.atZone(zone).getOffset().getTotalSeconds()
              - a.atZone(zone).getOffset().getTotalSeconds();
      assertThat(Duration.between(a, b).plusSeconds(offsetChange)).isEqualTo(Duration.ofDays(1));
    }
  }

  @Test
  void aWeeklyMondayNineOClockKeepsItsLocalTimeOverTheChange() {
    When monday = CadenceRule.defaults().get(0).when();
    LocalDateTime t = LocalDateTime.parse("2026-03-20T00:00");
    Instant previous = null;
    for (int i = 0; i < 4; i++) {
      t = monday.next(t).orElseThrow();
      Instant due = LocalTimes.due(t, PARIS, QuietHours.DEFAULT);
      assertThat(due.atZone(PARIS).toLocalDateTime()).isEqualTo(t);
      if (previous != null) {
        Duration week = Duration.between(previous, due);
        // 2026-03-23 → 03-30 spans the spring change: one hour short of a week
        assertThat(week)
            .isEqualTo(
                t.toLocalDate().equals(LocalDate.of(2026, 3, 30))
                    ? Duration.ofDays(7).minusHours(1)
                    : Duration.ofDays(7));
      }
      previous = due;
    }
  }

  @Test
  void aTimeSkippedBySpringForwardHappensAnHourLater() {
    Instant due = LocalTimes.due(LocalDateTime.parse("2026-03-29T02:30"), PARIS, NONE);
    assertThat(due).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    assertThat(due.atZone(PARIS).toLocalTime()).isEqualTo(LocalTime.of(3, 30));

    Instant ny = LocalTimes.due(LocalDateTime.parse("2026-03-08T02:30"), NEW_YORK, NONE);
    assertThat(ny.atZone(NEW_YORK).toLocalTime()).isEqualTo(LocalTime.of(3, 30));
  }

  @Test
  void aTimeRepeatedByFallBackHappensTheFirstTime() {
    Instant due = LocalTimes.due(LocalDateTime.parse("2026-10-25T02:30"), PARIS, NONE);
    assertThat(due).isEqualTo(Instant.parse("2026-10-25T00:30:00Z")); // 02:30 summer time
  }

  @ParameterizedTest
  @CsvSource({
    // occurrence, zone, expected local due
    "2026-03-29T02:30, Europe/Paris, 2026-03-29T07:00",
    "2026-03-28T21:30, Europe/Paris, 2026-03-29T07:00",
    "2026-10-24T22:00, Europe/Paris, 2026-10-25T07:00",
    "2026-03-07T23:00, America/New_York, 2026-03-08T07:00",
    "2026-11-01T01:30, America/New_York, 2026-11-01T07:00",
    "2026-06-01T06:59, Africa/Nairobi, 2026-06-01T07:00",
    "2026-06-01T20:00, Africa/Nairobi, 2026-06-02T07:00"
  })
  void anOccurrenceInTheQuietHoursMovesToTheirEnd(
      LocalDateTime occurrence, ZoneId zone, LocalDateTime expected) {
    Instant due = LocalTimes.due(occurrence, zone, QuietHours.DEFAULT);
    assertThat(due).isEqualTo(ZonedDateTime.of(expected, zone).toInstant());
  }

  @Test
  void aNudgeIsUsefulForItsWindowButNotPastItsPeriod() {
    Period week = Period.containing(Period.Kind.WEEK, LocalDate.of(2026, 6, 1));
    Instant monday = LocalTimes.due(LocalDateTime.parse("2026-06-01T09:00"), PARIS, NONE);
    assertThat(LocalTimes.usefulUntil(monday, week, PARIS))
        .isEqualTo(monday.plus(Duration.ofDays(2)));

    Instant saturday = LocalTimes.due(LocalDateTime.parse("2026-06-06T09:00"), PARIS, NONE);
    assertThat(LocalTimes.usefulUntil(saturday, week, PARIS))
        .isEqualTo(LocalDate.of(2026, 6, 8).atStartOfDay(PARIS).toInstant());

    // Sunday 21:00 is quiet: due Monday 07:00, after the week ended
    Instant pushed =
        LocalTimes.due(LocalDateTime.parse("2026-06-07T21:00"), PARIS, QuietHours.DEFAULT);
    assertThat(LocalTimes.usefulUntil(pushed, week, PARIS))
        .isEqualTo(pushed.plus(Duration.ofHours(1)));
  }
}
