package org.peerloop.bot.instruments;

import java.util.Map;
import org.peerloop.scheduler.Period;

/**
 * Which period each instrument's answers belong to: check-ins by ISO week, health by month,
 * reflections by quarter, changes by the week they were reported. A partnership's schedule decides
 * when the first three are nudged, never more than once a period.
 */
public final class Cadence {

  public static final String CHECKIN = "checkin";
  public static final String HEALTH = "health";
  public static final String REFLECT = "reflect";
  public static final String CHANGE = "change";
  public static final String SUBSTANTIATE = "substantiate";
  public static final String EVIDENCE = "evidence";

  private static final Map<String, Period.Kind> KINDS =
      Map.of(HEALTH, Period.Kind.MONTH, REFLECT, Period.Kind.QUARTER);

  private Cadence() {}

  public static Period.Kind periodOf(String flowId) {
    return KINDS.getOrDefault(flowId, Period.Kind.WEEK);
  }

  /** The period of a flow a schedule may nudge; empty for any other flow. */
  public static java.util.Optional<Period.Kind> schedulable(String flowId) {
    return SCHEDULED.contains(flowId)
        ? java.util.Optional.of(periodOf(flowId))
        : java.util.Optional.empty();
  }

  public static final java.util.List<String> SCHEDULED =
      java.util.List.of(CHECKIN, HEALTH, REFLECT);
}
