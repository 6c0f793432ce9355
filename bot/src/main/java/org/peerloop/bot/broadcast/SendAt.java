package org.peerloop.bot.broadcast;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.peerloop.scheduler.QuietHours;

/**
 * When a scheduled broadcast goes: either one moment for everyone ({@code 2026-11-26T09:00+03:00})
 * or a local time in each recipient's own time zone ({@code 2026-11-26T09:00}), moved out of the
 * partnership's quiet hours.
 */
public sealed interface SendAt {

  /** The moment for a recipient in {@code zone}. */
  Instant forZone(ZoneId zone, QuietHours quiet);

  /** As the API and the store write it. */
  String text();

  record At(Instant instant) implements SendAt {
    @Override
    public Instant forZone(ZoneId zone, QuietHours quiet) {
      return instant;
    }

    @Override
    public String text() {
      return instant.toString();
    }
  }

  record Local(LocalDateTime time) implements SendAt {
    @Override
    public Instant forZone(ZoneId zone, QuietHours quiet) {
      return quiet.adjust(time.atZone(zone).toInstant(), zone);
    }

    @Override
    public String text() {
      return time.toString();
    }
  }

  /** Reads what {@link #text()} writes (and the API accepts); empty when it is neither form. */
  static Optional<SendAt> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String t = text.strip();
    try {
      return Optional.of(new At(OffsetDateTime.parse(t).toInstant()));
    } catch (DateTimeParseException e) {
      // not an absolute moment: a local time, perhaps
    }
    try {
      return Optional.of(new At(Instant.parse(t)));
    } catch (DateTimeParseException e) {
      // nor a UTC instant
    }
    try {
      return Optional.of(new Local(LocalDateTime.parse(t)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
