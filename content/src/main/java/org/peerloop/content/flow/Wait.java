package org.peerloop.content.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How long a question waits: a reminder after each of {@code reminders}, then the flow expires
 * after {@code expireAfter}, all counted from when the question was asked. In a file either may be
 * missing (no reminders, a null expiry); the checker refuses a waiting step whose wait is not
 * {@link #complete()} or has more than {@link #MAX_REMINDERS} reminders.
 */
public record Wait(List<Duration> reminders, Duration expireAfter) {

  /** The most reminders the checker lets one wait send. */
  public static final int MAX_REMINDERS = 3;

  public Wait {
    reminders = reminders == null ? List.of() : List.copyOf(reminders);
  }

  /** The first reminder's offset, or null when there is none. */
  public Duration remindAfter() {
    return reminders.isEmpty() ? null : reminders.get(0);
  }

  /**
   * At least one reminder and an expiry, the reminders strictly increasing and all strictly before
   * the expiry.
   */
  public boolean complete() {
    if (reminders.isEmpty() || expireAfter == null) {
      return false;
    }
    for (int i = 1; i < reminders.size(); i++) {
      if (reminders.get(i).compareTo(reminders.get(i - 1)) <= 0) {
        return false;
      }
    }
    return reminders.get(reminders.size() - 1).compareTo(expireAfter) < 0;
  }

  /**
   * The first reminder due strictly after {@code now} for a question asked at {@code askedAt}, or
   * null when no reminder is left. Reminders already past are passed over, so a scheduler that
   * fires late sends one reminder rather than several in a row.
   */
  public Instant nextReminder(Instant askedAt, Instant now) {
    for (Duration offset : reminders) {
      Instant at = askedAt.plus(offset);
      if (at.isAfter(now)) {
        return at;
      }
    }
    return null;
  }
}
