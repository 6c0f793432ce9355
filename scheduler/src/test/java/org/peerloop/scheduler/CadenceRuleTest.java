package org.peerloop.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CadenceRuleTest {

  private static final LocalDateTime NOW = LocalDateTime.parse("2026-01-01T00:00");

  @Test
  void theDefaultsPassWithTheirFlowsPeriods() {
    Map<String, Period.Kind> kinds =
        Map.of(
            "checkin", Period.Kind.WEEK,
            "health", Period.Kind.MONTH,
            "reflect", Period.Kind.QUARTER);
    List<CadenceRule> defaults = CadenceRule.defaults();
    assertThat(defaults)
        .extracting(CadenceRule::flow)
        .containsExactly("checkin", "health", "reflect");
    for (CadenceRule rule : defaults) {
      assertThatCode(() -> rule.check(kinds.get(rule.flow()), NOW)).doesNotThrowAnyException();
      // checked from other starting points too, across year ends and clock changes
      assertThatCode(
              () -> rule.check(kinds.get(rule.flow()), LocalDateTime.parse("2026-12-30T23:00")))
          .doesNotThrowAnyException();
    }
  }

  @Test
  void aCronEveryFiveMinutesFiresMoreThanOnceADay() {
    CadenceRule rule = new CadenceRule("checkin", new When.Cron("0 0/5 * * * ?"));
    assertThatThrownBy(() -> rule.check(Period.Kind.WEEK, NOW))
        .isInstanceOf(ScheduleException.class)
        .hasMessageContaining("checkin")
        .hasMessageContaining("more than once a day");
  }

  @Test
  void twiceADayIsMoreThanOnceADay() {
    CadenceRule rule = new CadenceRule("checkin", new When.Cron("0 0 9,17 * * ?"));
    assertThatThrownBy(() -> rule.check(Period.Kind.WEEK, NOW))
        .hasMessageContaining("more than once a day");
  }

  @Test
  void aCronOnTheThirtiethOfFebruaryNeverFires() {
    CadenceRule rule = new CadenceRule("health", new When.Cron("0 0 9 30 2 ?"));
    assertThatThrownBy(() -> rule.check(Period.Kind.MONTH, NOW))
        .isInstanceOf(ScheduleException.class)
        .hasMessage("health: this cadence never fires");
  }

  @Test
  void healthWeeklyWouldAskTwiceInAMonth() {
    CadenceRule rule =
        new CadenceRule(
            "health",
            new When.Weekly(1, DayOfWeek.MONDAY, LocalTime.of(9, 0), ScheduleSpec.DEFAULT_ANCHOR));
    assertThatThrownBy(() -> rule.check(Period.Kind.MONTH, NOW))
        .isInstanceOf(ScheduleException.class)
        .hasMessageContaining("health is asked at most once a month")
        .hasMessageContaining("2026-01-05T09:00 and 2026-01-12T09:00");
    // the same rule is fine for a weekly flow
    assertThatCode(() -> rule.check(Period.Kind.WEEK, NOW)).doesNotThrowAnyException();
  }

  @Test
  void aMonthlyReflectionWouldAskTwiceInAQuarter() {
    CadenceRule rule =
        new CadenceRule("reflect", new When.Monthly(false, null, LocalTime.of(10, 0)));
    assertThatThrownBy(() -> rule.check(Period.Kind.QUARTER, NOW))
        .hasMessageContaining("at most once a quarter");
  }

  @Test
  void dailyAtNineIsOnceADay() {
    CadenceRule rule = new CadenceRule("checkin", new When.Cron("0 0 9 * * ?"));
    assertThatThrownBy(() -> rule.check(Period.Kind.WEEK, NOW))
        .hasMessageContaining("at most once a week");
  }
}
