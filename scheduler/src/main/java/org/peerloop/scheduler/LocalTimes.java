package org.peerloop.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** Where an occurrence falls for one person: their local time, out of their quiet hours. */
public final class LocalTimes {

  private LocalTimes() {}

  /**
   * The instant {@code occurrence} happens in {@code zone}, moved to the end of the quiet hours if
   * it falls inside them. A local time skipped by a daylight-saving change happens as many minutes
   * later as the clocks jumped; a repeated one happens the first time.
   */
  public static Instant due(LocalDateTime occurrence, ZoneId zone, QuietHours quiet) {
    return quiet.adjust(occurrence.atZone(zone).toInstant(), zone);
  }

  /**
   * Until when a nudge is still worth sending: a couple of days for a weekly one, a week for a
   * monthly one, two for a quarterly one, and never after its period has ended where the person is.
   */
  public static Instant usefulUntil(Instant due, Period period, ZoneId zone) {
    Duration window =
        switch (period.kind()) {
          case WEEK -> Duration.ofDays(2);
          case MONTH -> Duration.ofDays(7);
          case QUARTER -> Duration.ofDays(14);
        };
    Instant end = period.end().atStartOfDay(zone).toInstant();
    Instant byWindow = due.plus(window);
    if (!end.isAfter(due)) {
      return due.plus(Duration.ofHours(1)); // quiet hours pushed it past the period's end
    }
    return byWindow.isBefore(end) ? byWindow : end;
  }
}
