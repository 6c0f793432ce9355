package org.peerloop.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodTest {

  @ParameterizedTest
  @CsvSource({
    "WEEK, 2026-11-24, 2026-W48",
    "WEEK, 2027-01-01, 2026-W53",
    "WEEK, 2026-01-01, 2026-W01",
    "WEEK, 2024-12-30, 2025-W01",
    "MONTH, 2026-11-30, 2026-11",
    "QUARTER, 2026-11-24, 2026-Q4",
    "QUARTER, 2026-01-01, 2026-Q1"
  })
  void aDayFallsInOnePeriodWithAStableId(Period.Kind kind, LocalDate day, String id) {
    Period p = Period.containing(kind, day);
    assertThat(p.id()).isEqualTo(id);
    assertThat(Period.parse(id)).contains(p);
    assertThat(p.next().previous()).isEqualTo(p);
    assertThat(p.start()).isBeforeOrEqualTo(day);
    assertThat(p.end()).isAfter(day);
  }

  @Test
  void theZoneDecidesWhichDayItIs() {
    Instant sundayNightInNairobi = Instant.parse("2026-11-29T21:30:00Z"); // 00:30 Monday there
    assertThat(Period.of(Period.Kind.WEEK, sundayNightInNairobi, ZoneId.of("Africa/Nairobi")).id())
        .isEqualTo("2026-W49");
    assertThat(Period.of(Period.Kind.WEEK, sundayNightInNairobi, ZoneId.of("UTC")).id())
        .isEqualTo("2026-W48");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2026", "2026-W54", "2025-W53", "2026-13", "2026-Q5", "W47", "x"})
  void nonsenseIsNotAPeriod(String text) {
    assertThat(Period.parse(text)).isEmpty();
  }
}
