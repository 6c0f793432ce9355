package org.peerloop.content.flow;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.peerloop.content.catalog.ContentFormatException;

/**
 * Durations as authors write them: {@code 90m}, {@code 24h}, {@code 3d}, or ISO-8601 {@code PT24H}.
 */
public final class Durations {

  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([mhd])");

  private Durations() {}

  /** The duration, null for null, or an error naming {@code where}. */
  public static Duration parse(Object node, String where) {
    if (node == null) {
      return null;
    }
    String text = String.valueOf(node).strip().toLowerCase(Locale.ROOT);
    Matcher m = SHORT.matcher(text);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(text.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new ContentFormatException(where + ": '" + node + "' is not a duration like 24h or 3d");
    }
  }

  /**
   * A duration as an author would write it, for messages: {@code 90m}, {@code 24h}, {@code 3d}
   * (whole days from two days up), or ISO-8601 when it is not a whole number of minutes.
   */
  public static String format(Duration d) {
    if (d.isNegative() || d.toSecondsPart() != 0 || d.toNanosPart() != 0) {
      return d.toString();
    }
    if (d.toMinutes() % (24 * 60) == 0 && d.toDays() >= 2) {
      return d.toDays() + "d";
    }
    if (d.toMinutes() % 60 == 0) {
      return d.toHours() + "h";
    }
    return d.toMinutes() + "m";
  }
}
