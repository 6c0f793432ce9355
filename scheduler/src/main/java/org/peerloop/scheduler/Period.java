package org.peerloop.scheduler;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period: an ISO week ({@code 2026-W47}), a calendar month ({@code 2026-11}) or a
 * quarter ({@code 2026-Q4}), always read in a partnership's time zone. Answers, rollups and
 * summaries key on {@link #id()}; an answer belongs to the period its run started in.
 */
public record Period(Kind kind, LocalDate start) {

  public enum Kind {
    WEEK,
    MONTH,
    QUARTER;

    public String slug() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
  private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
  private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

  public Period {
    if (!start.equals(startOf(kind, start))) {
      throw new IllegalArgumentException(start + " does not start a " + kind.slug());
    }
  }

  /** The period of this kind that {@code at} falls in, in {@code zone}. */
  public static Period of(Kind kind, Instant at, ZoneId zone) {
    return containing(kind, at.atZone(zone).toLocalDate());
  }

  public static Period containing(Kind kind, LocalDate day) {
    return new Period(kind, startOf(kind, day));
  }

  /** Reads {@code 2026-W47}, {@code 2026-11} or {@code 2026-Q4}; anything else is empty. */
  public static Optional<Period> parse(String id) {
    if (id == null) {
      return Optional.empty();
    }
    String s = id.strip().toUpperCase(Locale.ROOT);
    try {
      Matcher m = WEEK.matcher(s);
      if (m.matches()) {
        int year = Integer.parseInt(m.group(1));
        int week = Integer.parseInt(m.group(2));
        LocalDate monday =
            LocalDate.of(year, 1, 4)
                .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                .with(DayOfWeek.MONDAY);
        // week 53 of a year that has only 52 rolls over: refuse rather than guess
        return monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) == week
            ? Optional.of(new Period(Kind.WEEK, monday))
            : Optional.empty();
      }
      m = QUARTER.matcher(s);
      if (m.matches()) {
        int q = Integer.parseInt(m.group(2));
        return Optional.of(
            new Period(Kind.QUARTER, LocalDate.of(Integer.parseInt(m.group(1)), q * 3 - 2, 1)));
      }
      m = MONTH.matcher(s);
      if (m.matches()) {
        YearMonth month = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        return Optional.of(new Period(Kind.MONTH, month.atDay(1)));
      }
    } catch (java.time.DateTimeException | IllegalArgumentException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  public String id() {
    return switch (kind) {
      case WEEK ->
          String.format(
              Locale.ROOT,
              "%d-W%02d",
              start.get(IsoFields.WEEK_BASED_YEAR),
              start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case MONTH -> String.format(Locale.ROOT, "%d-%02d", start.getYear(), start.getMonthValue());
      case QUARTER ->
          String.format(
              Locale.ROOT, "%d-Q%d", start.getYear(), start.get(IsoFields.QUARTER_OF_YEAR));
    };
  }

  /** The first day after the period. */
  public LocalDate end() {
    return switch (kind) {
      case WEEK -> start.plusWeeks(1);
      case MONTH -> start.plusMonths(1);
      case QUARTER -> start.plusMonths(3);
    };
  }

  public Period previous() {
    return containing(kind, start.minusDays(1));
  }

  public Period next() {
    return new Period(kind, end());
  }

  /** The week number, month number or quarter number, for texts. */
  public int number() {
    return switch (kind) {
      case WEEK -> start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
      case MONTH -> start.getMonthValue();
      case QUARTER -> start.get(IsoFields.QUARTER_OF_YEAR);
    };
  }

  public int year() {
    return kind == Kind.WEEK ? start.get(IsoFields.WEEK_BASED_YEAR) : start.getYear();
  }

  @Override
  public String toString() {
    return id();
  }

  private static LocalDate startOf(Kind kind, LocalDate day) {
    return switch (kind) {
      case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> day.withDayOfMonth(1);
      case QUARTER ->
          LocalDate.of(day.getYear(), (day.get(IsoFields.QUARTER_OF_YEAR) - 1) * 3 + 1, 1);
    };
  }
}
