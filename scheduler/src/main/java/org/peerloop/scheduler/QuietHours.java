package org.peerloop.scheduler;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The hours of the night in which nothing is sent: from {@code from} (inclusive) to {@code to}
 * (exclusive), read in the person's own time zone, possibly across midnight (20:00–07:00). Equal
 * ends mean no quiet hours.
 */
public record QuietHours(LocalTime from, LocalTime to) {

  public static final QuietHours DEFAULT = new QuietHours(LocalTime.of(20, 0), LocalTime.of(7, 0));

  public boolean contains(LocalTime t) {
    if (from.equals(to)) {
      return false;
    }
    return from.isBefore(to)
        ? !t.isBefore(from) && t.isBefore(to)
        : !t.isBefore(from) || t.isBefore(to);
  }

  /**
   * {@code at} itself when it is outside the quiet hours in {@code zone}, else the moment they end
   * (on the next morning when {@code at} is in the evening). A morning end that falls in a
   * daylight-saving gap is moved forward by the gap, as {@link ZonedDateTime} does.
   */
  public Instant adjust(Instant at, ZoneId zone) {
    ZonedDateTime local = at.atZone(zone);
    if (!contains(local.toLocalTime())) {
      return at;
    }
    ZonedDateTime end = local.with(to);
    if (!end.isAfter(local)) {
      end = local.toLocalDate().plusDays(1).atTime(to).atZone(zone);
    }
    return end.toInstant();
  }

  @Override
  public String toString() {
    return from + "–" + to;
  }
}
