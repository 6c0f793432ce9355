package org.peerloop.scheduler;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One partnership's nudge for one flow: which flow, on which days, at what local time. A
 * partnership has at most one cadence per flow, so (partnership, flow, occurrence) names a nudge.
 */
public record CadenceRule(String flow, When when) {

  /**
   * The defaults: weekly check-in Monday 09:00, health on the first working day 10:00, reflection
   * quarterly.
   */
  public static List<CadenceRule> defaults() {
    return List.of(
        new CadenceRule(
            "checkin",
            new When.Weekly(1, DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalDate.of(2024, 1, 1))),
        new CadenceRule("health", new When.Monthly(false, null, LocalTime.of(10, 0))),
        new CadenceRule("reflect", new When.Monthly(true, null, LocalTime.of(10, 0))));
  }

  public Optional<LocalDateTime> next(LocalDateTime after) {
    return when.next(after);
  }

  /**
   * Refuses a rule that never fires, fires more than once a day, or fires twice in one of the
   * flow's periods (health is counted per month: a second nudge in a month would only be refused).
   */
  public void check(Period.Kind period, LocalDateTime from) {
    List<LocalDateTime> next = new ArrayList<>();
    LocalDateTime t = from;
    for (int i = 0; i < 40; i++) {
      Optional<LocalDateTime> n = when.next(t);
      if (n.isEmpty()) {
        break;
      }
      next.add(n.get());
      t = n.get();
    }
    if (next.isEmpty()) {
      throw new ScheduleException(flow + ": this cadence never fires");
    }
    for (int i = 1; i < next.size(); i++) {
      LocalDateTime a = next.get(i - 1);
      LocalDateTime b = next.get(i);
      if (a.plusHours(24).isAfter(b)) {
        throw new ScheduleException(
            flow + ": this cadence fires more than once a day (" + a + " and " + b + ")");
      }
      if (Period.containing(period, a.toLocalDate())
          .equals(Period.containing(period, b.toLocalDate()))) {
        throw new ScheduleException(
            flow
                + " is asked at most once a "
                + period.slug()
                + ", this cadence fires on "
                + a
                + " and "
                + b);
      }
    }
  }
}
