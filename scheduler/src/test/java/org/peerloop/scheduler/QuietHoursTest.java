package org.peerloop.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuietHoursTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final QuietHours NIGHT = QuietHours.DEFAULT; // 20:00–07:00

  @ParameterizedTest
  @CsvSource({
    "20:00, true",
    "23:59, true",
    "00:00, true",
    "06:59, true",
    "07:00, false",
    "12:00, false",
    "19:59, false"
  })
  void theNightIsQuietAcrossMidnightFromInclusiveToExclusive(LocalTime t, boolean quiet) {
    assertThat(NIGHT.contains(t)).isEqualTo(quiet);
  }

  @ParameterizedTest
  @CsvSource({"12:00, true", "13:59, true", "11:59, false", "14:00, false", "00:00, false"})
  void aDaytimeRangeDoesNotWrap(LocalTime t, boolean quiet) {
    QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(14, 0));
    assertThat(lunch.contains(t)).isEqualTo(quiet);
  }

  @Test
  void equalEndsMeanNoQuietHours() {
    QuietHours none = new QuietHours(LocalTime.of(7, 0), LocalTime.of(7, 0));
    for (int h = 0; h < 24; h++) {
      assertThat(none.contains(LocalTime.of(h, 0))).as("%02d:00", h).isFalse();
      assertThat(none.contains(LocalTime.of(h, 30))).as("%02d:30", h).isFalse();
    }
    Instant at = local("2026-06-10T03:00");
    assertThat(none.adjust(at, PARIS)).isEqualTo(at);
  }

  @Test
  void anEveningTimeMovesToTheNextMorning() {
    assertThat(NIGHT.adjust(local("2026-06-10T21:30"), PARIS)).isEqualTo(local("2026-06-11T07:00"));
  }

  @Test
  void anEarlyMorningTimeMovesToTheSameMorning() {
    assertThat(NIGHT.adjust(local("2026-06-10T05:00"), PARIS)).isEqualTo(local("2026-06-10T07:00"));
    assertThat(NIGHT.adjust(local("2026-06-10T00:00"), PARIS)).isEqualTo(local("2026-06-10T07:00"));
  }

  @ParameterizedTest
  @CsvSource({"2026-06-10T07:00", "2026-06-10T09:00", "2026-06-10T19:59:59"})
  void aTimeOutsideIsLeftAlone(LocalDateTime t) {
    Instant at = t.atZone(PARIS).toInstant();
    assertThat(NIGHT.adjust(at, PARIS)).isEqualTo(at);
  }

  @Test
  void theHoursAreReadInThePersonsZone() {
    // 19:00 UTC is 21:00 in Paris (quiet) but 15:00 in New York (not)
    Instant at = Instant.parse("2026-06-10T19:00:00Z");
    assertThat(NIGHT.adjust(at, ZoneId.of("America/New_York"))).isEqualTo(at);
    assertThat(NIGHT.adjust(at, PARIS)).isEqualTo(Instant.parse("2026-06-11T05:00:00Z"));
  }

  @Test
  void aQuietEndInTheSpringForwardGapMovesOnByTheGap() {
    // 02:30 does not exist in Paris on 2026-03-29: the night ends at 03:30 summer time
    QuietHours late = new QuietHours(LocalTime.of(22, 0), LocalTime.of(2, 30));
    assertThat(late.adjust(local("2026-03-28T23:00"), PARIS))
        .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    assertThat(late.adjust(Instant.parse("2026-03-29T00:15:00Z"), PARIS)) // 01:15 winter time
        .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
  }

  @Test
  void theEveningBeforeAClockChangeEndsAtSevenLocalTheNextDay() {
    // Paris: 07:00 is 05:00Z after the spring change and 06:00Z after the autumn one
    assertThat(NIGHT.adjust(local("2026-03-28T21:30"), PARIS))
        .isEqualTo(Instant.parse("2026-03-29T05:00:00Z"));
    assertThat(NIGHT.adjust(local("2026-10-24T21:30"), PARIS))
        .isEqualTo(Instant.parse("2026-10-25T06:00:00Z"));
  }

  private static Instant local(String t) {
    return LocalDateTime.parse(t).atZone(PARIS).toInstant();
  }
}
