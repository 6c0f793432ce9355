package org.peerloop.bot.instruments;

import java.util.Map;
import org.peerloop.scheduler.Period;

/**
 * Which period each instrument's answers belong to. Fixed for now (weekly check-in, monthly health,
 * quarterly reflection, changes by the week they were reported); per-partnership cadences come with
 * the scheduler.
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
}
