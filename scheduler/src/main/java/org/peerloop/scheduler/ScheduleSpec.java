package org.peerloop.scheduler;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A schedule as people write it (the admin API's JSON, the stored document) and back:
 *
 * <pre>
 * {"timezone": "Africa/Nairobi", "quietHours": {"from": "20:00", "to": "07:00"},
 *  "cadences": [{"flow": "checkin", "every": "week", "day": "monday", "time": "09:00"},
 *               {"flow": "health", "every": "month", "day": "first-working-day", "time": "10:00"},
 *               {"flow": "reflect", "cron": "0 0 10 1W 1,4,7,10 ?"}]}
 * </pre>
 *
 * Every mistake is a {@link ScheduleException} whose message says what to change.
 */
public final class ScheduleSpec {

  public static final LocalDate DEFAULT_ANCHOR = LocalDate.of(2024, 1, 1);
  private static final Pattern WEEKS = Pattern.compile("(\\d{1,3})\\s*weeks?");

  private ScheduleSpec() {}

  /**
   * Reads and checks a schedule. {@code periodOf} names the period each flow that may be nudged
   * counts in (empty: not a flow that can be scheduled); {@code now} is where the checks start.
   */
  public static Schedule read(
      Map<String, ?> body,
      String partnership,
      ZoneId partnershipZone,
      Function<String, Optional<Period.Kind>> periodOf,
      LocalDateTime now) {
    return read(body, partnership, partnershipZone, periodOf, now, true);
  }

  /**
   * A stored schedule, checked when it was saved: read without the checks, which depend on the day
   * they run (a cron with a year may no longer fire), and without flows no longer schedulable.
   */
  public static Schedule stored(
      Map<String, ?> body,
      String partnership,
      ZoneId partnershipZone,
      Function<String, Optional<Period.Kind>> periodOf) {
    return read(body, partnership, partnershipZone, periodOf, null, false);
  }

  private static Schedule read(
      Map<String, ?> body,
      String partnership,
      ZoneId partnershipZone,
      Function<String, Optional<Period.Kind>> periodOf,
      LocalDateTime now,
      boolean check) {
    if (body == null) {
      throw new ScheduleException("send a schedule: {\"cadences\": [...]}");
    }
    ZoneId zone = partnershipZone;
    Object tz = body.get("timezone");
    if (tz != null) {
      zone = zone(String.valueOf(tz));
    }
    QuietHours quiet = QuietHours.DEFAULT;
    Object q = body.get("quietHours");
    if (q != null) {
      Map<?, ?> m = map(q, "quietHours");
      quiet =
          new QuietHours(
              time(m.get("from"), "quietHours.from"), time(m.get("to"), "quietHours.to"));
    }
    Object list = body.get("cadences");
    List<CadenceRule> rules = new ArrayList<>();
    if (list == null) {
      rules.addAll(CadenceRule.defaults());
    } else if (list instanceof List<?> items) {
      Set<String> flows = new HashSet<>();
      for (int i = 0; i < items.size(); i++) {
        CadenceRule rule = cadence(map(items.get(i), "cadences[" + i + "]"), "cadences[" + i + "]");
        if (!flows.add(rule.flow())) {
          throw new ScheduleException("cadences: " + rule.flow() + " appears twice; keep one");
        }
        rules.add(rule);
      }
    } else {
      throw new ScheduleException("cadences must be a list");
    }
    if (!check) {
      rules.removeIf(rule -> periodOf.apply(rule.flow()).isEmpty());
      return new Schedule(partnership, zone, quiet, rules);
    }
    for (CadenceRule rule : rules) {
      Period.Kind kind =
          periodOf
              .apply(rule.flow())
              .orElseThrow(
                  () ->
                      new ScheduleException(rule.flow() + " is not a flow that can be scheduled"));
      rule.check(kind, now);
    }
    return new Schedule(partnership, zone, quiet, rules);
  }

  static CadenceRule cadence(Map<?, ?> m, String where) {
    Object flow = m.get("flow");
    if (flow == null || String.valueOf(flow).isBlank()) {
      throw new ScheduleException(where + ": name the flow, e.g. \"flow\": \"checkin\"");
    }
    String f = String.valueOf(flow).strip();
    Object cron = m.get("cron");
    if (cron != null) {
      return new CadenceRule(f, new When.Cron(String.valueOf(cron).strip()));
    }
    String every = text(m.get("every"), where + ".every").toLowerCase(Locale.ROOT);
    LocalTime at =
        m.get("time") == null ? LocalTime.of(9, 0) : time(m.get("time"), where + ".time");
    Object day = m.get("day");
    if (every.equals("month") || every.equals("quarter")) {
      Integer dom = null;
      if (day != null && !"first-working-day".equals(String.valueOf(day))) {
        dom = dayOfMonth(day, where + ".day");
      }
      return new CadenceRule(f, new When.Monthly(every.equals("quarter"), dom, at));
    }
    int weeks;
    Matcher w = WEEKS.matcher(every);
    if (every.equals("week")) {
      weeks = 1;
    } else if (w.matches()) {
      weeks = Integer.parseInt(w.group(1));
    } else {
      throw new ScheduleException(
          where
              + ".every: '"
              + every
              + "' is not a cadence; use week, 2 weeks, month, quarter, or a cron expression");
    }
    if (weeks < 1 || weeks > 26) {
      throw new ScheduleException(where + ".every: between 1 and 26 weeks");
    }
    DayOfWeek dow = day == null ? DayOfWeek.MONDAY : dayOfWeek(day, where + ".day");
    LocalDate anchor = DEFAULT_ANCHOR;
    if (m.get("from") != null) {
      try {
        anchor = LocalDate.parse(String.valueOf(m.get("from")).strip());
      } catch (DateTimeParseException e) {
        throw new ScheduleException(where + ".from: a date like 2026-11-30");
      }
    }
    return new CadenceRule(f, new When.Weekly(weeks, dow, at, anchor));
  }

  /** The stored and API form of {@code s}; {@link #read} reads it back. */
  public static Map<String, Object> write(Schedule s) {
    return write(s, null);
  }

  /**
   * As {@link #write(Schedule)}, leaving the zone out when it is the partnership's, so that a later
   * change of the partnership's zone applies to its schedule too.
   */
  public static Map<String, Object> write(Schedule s, ZoneId partnershipZone) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (!s.zone().equals(partnershipZone)) {
      out.put("timezone", s.zone().getId());
    }
    out.put(
        "quietHours", Map.of("from", s.quiet().from().toString(), "to", s.quiet().to().toString()));
    List<Map<String, Object>> cadences = new ArrayList<>();
    for (CadenceRule c : s.cadences()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("flow", c.flow());
      if (c.when() instanceof When.Weekly wk) {
        m.put("every", wk.weeks() == 1 ? "week" : wk.weeks() + " weeks");
        m.put("day", wk.day().name().toLowerCase(Locale.ROOT));
        m.put("time", wk.at().toString());
        if (!wk.anchor().equals(DEFAULT_ANCHOR)) {
          m.put("from", wk.anchor().toString());
        }
      } else if (c.when() instanceof When.Monthly mo) {
        m.put("every", mo.quarterly() ? "quarter" : "month");
        m.put("day", mo.dayOfMonth() == null ? "first-working-day" : mo.dayOfMonth());
        m.put("time", mo.at().toString());
      } else if (c.when() instanceof When.Cron cr) {
        m.put("cron", cr.expression());
      }
      m.put("description", c.when().describe());
      cadences.add(m);
    }
    out.put("cadences", cadences);
    return out;
  }

  public static ZoneId zone(String id) {
    try {
      return ZoneId.of(id.strip());
    } catch (DateTimeException e) {
      throw new ScheduleException(
          "'" + id + "' is not a time zone; use a name like Africa/Nairobi");
    }
  }

  private static Map<?, ?> map(Object o, String where) {
    if (o instanceof Map<?, ?> m) {
      return m;
    }
    throw new ScheduleException(where + " must be an object");
  }

  private static String text(Object o, String where) {
    if (o == null || String.valueOf(o).isBlank()) {
      throw new ScheduleException(where + " is missing");
    }
    return String.valueOf(o).strip();
  }

  private static LocalTime time(Object o, String where) {
    try {
      return LocalTime.parse(text(o, where));
    } catch (DateTimeParseException e) {
      throw new ScheduleException(where + ": a time like 09:00");
    }
  }

  private static int dayOfMonth(Object o, String where) {
    try {
      int d = Integer.parseInt(String.valueOf(o).strip());
      if (d >= 1 && d <= 31) {
        return d;
      }
    } catch (NumberFormatException e) {
      // fall through to the message
    }
    throw new ScheduleException(where + ": a day of the month (1–31) or first-working-day");
  }

  private static DayOfWeek dayOfWeek(Object o, String where) {
    try {
      return DayOfWeek.valueOf(String.valueOf(o).strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ScheduleException(where + ": a weekday like monday");
    }
  }
}
