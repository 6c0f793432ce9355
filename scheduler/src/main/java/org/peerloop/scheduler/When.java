package org.peerloop.scheduler;

import java.text.ParseException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * On which local days and at what local time a cadence fires. Occurrences are calendar date-times
 * without a zone: each person meets them at that time in their own zone.
 */
public sealed interface When {

  /** How far ahead {@link #next} looks before concluding that a rule never fires again. */
  int SEARCH_DAYS = 800;

  /** The first occurrence strictly after {@code after}, if any within {@link #SEARCH_DAYS}. */
  Optional<LocalDateTime> next(LocalDateTime after);

  /** A short description for people and the API: {@code every 2 weeks on monday at 09:00}. */
  String describe();

  /** Every {@code weeks} weeks on {@code day}, counted in whole weeks from {@code anchor}. */
  record Weekly(int weeks, DayOfWeek day, java.time.LocalTime at, LocalDate anchor)
      implements When {

    @Override
    public Optional<LocalDateTime> next(LocalDateTime after) {
      LocalDate monday0 = anchor.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      return scan(
          after,
          at,
          d -> {
            if (d.getDayOfWeek() != day) {
              return false;
            }
            long w =
                ChronoUnit.WEEKS.between(
                    monday0, d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
            return Math.floorMod(w, weeks) == 0;
          });
    }

    @Override
    public String describe() {
      String every = weeks == 1 ? "every week" : "every " + weeks + " weeks";
      return every + " on " + day.name().toLowerCase(java.util.Locale.ROOT) + " at " + at;
    }
  }

  /**
   * Monthly (every month) or quarterly (January, April, July, October) on a day of the month, the
   * last day in shorter months, or on the first working day (the first Monday to Friday: public
   * holidays are not known).
   */
  record Monthly(boolean quarterly, Integer dayOfMonth, java.time.LocalTime at) implements When {

    @Override
    public Optional<LocalDateTime> next(LocalDateTime after) {
      return scan(after, at, this::fires);
    }

    private boolean fires(LocalDate d) {
      if (quarterly && (d.getMonthValue() - 1) % 3 != 0) {
        return false;
      }
      if (dayOfMonth == null) {
        return firstWorkingDay(d);
      }
      return d.getDayOfMonth() == Math.min(dayOfMonth, d.lengthOfMonth());
    }

    static boolean firstWorkingDay(LocalDate d) {
      if (weekend(d)) {
        return false;
      }
      for (LocalDate x = d.withDayOfMonth(1); x.isBefore(d); x = x.plusDays(1)) {
        if (!weekend(x)) {
          return false;
        }
      }
      return true;
    }

    private static boolean weekend(LocalDate d) {
      return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    @Override
    public String describe() {
      String day = dayOfMonth == null ? "the first working day" : "day " + dayOfMonth;
      return (quarterly ? "every quarter" : "every month") + " on " + day + " at " + at;
    }
  }

  /** A Quartz cron expression read in local time, for what the plain forms cannot say. */
  record Cron(String expression) implements When {

    public Cron {
      try {
        CronExpression.validateExpression(expression);
      } catch (ParseException e) {
        throw new ScheduleException(
            "'" + expression + "' is not a cron expression: " + e.getMessage());
      }
    }

    @Override
    public Optional<LocalDateTime> next(LocalDateTime after) {
      CronExpression cron;
      try {
        cron = new CronExpression(expression);
      } catch (ParseException e) {
        throw new IllegalStateException(e); // validated when made
      }
      // Local date-times are read as UTC: a zone-free calendar with no daylight-saving jumps.
      cron.setTimeZone(TimeZone.getTimeZone("UTC"));
      Date next = cron.getNextValidTimeAfter(Date.from(after.toInstant(ZoneOffset.UTC)));
      if (next == null
          || next.toInstant().isAfter(after.plusDays(SEARCH_DAYS).toInstant(ZoneOffset.UTC))) {
        return Optional.empty();
      }
      return Optional.of(LocalDateTime.ofInstant(next.toInstant(), ZoneOffset.UTC));
    }

    @Override
    public String describe() {
      return "cron " + expression;
    }
  }

  private static Optional<LocalDateTime> scan(
      LocalDateTime after, java.time.LocalTime at, java.util.function.Predicate<LocalDate> fires) {
    LocalDate d = after.toLocalDate();
    for (int i = 0; i <= SEARCH_DAYS; i++, d = d.plusDays(1)) {
      if (fires.test(d)) {
        LocalDateTime t = d.atTime(at);
        if (t.isAfter(after)) {
          return Optional.of(t);
        }
      }
    }
    return Optional.empty();
  }
}
