package org.peerloop.bot.admin;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How an import names a person before they join: a phone number in E.164 ({@code +} and 8 to 15
 * digits; spaces, dashes, dots and brackets tolerated) or a Telegram username ({@code @} and 5 to
 * 32 of A-Z a-z 0-9 _). Pure functions: reading, the key duplicates are found by, and the masked
 * form the API shows.
 */
final class Handles {

  private static final Pattern PHONE = Pattern.compile("\\+[0-9]{8,15}");
  private static final Pattern USERNAME = Pattern.compile("@[A-Za-z0-9_]{5,32}");
  private static final Pattern SEPARATORS = Pattern.compile("[\\s\\u00a0\\-.()]");
  private static final Pattern SPREADSHEET_NUMBER =
      Pattern.compile("[0-9](\\.[0-9]+)?[eE]\\+?[0-9]+");
  private static final char HIDDEN = '\u2022';

  private Handles() {}

  /** A phone number or username as stored ({@code +254712345678}, {@code @amina_k}). */
  record Handle(String value) {
    boolean phone() {
      return value.startsWith("+");
    }

    /** Equal for the same person: usernames are case-insensitive on Telegram. */
    String key() {
      return phone() ? value : value.toLowerCase(Locale.ROOT);
    }
  }

  /** Either a handle or why the text is not one. */
  sealed interface Read permits Ok, Bad {}

  record Ok(Handle handle) implements Read {}

  record Bad(String reason) implements Read {}

  static Read read(String text) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) {
      return new Bad("phone number or Telegram username is missing");
    }
    if (t.startsWith("@")) {
      return USERNAME.matcher(t).matches()
          ? new Ok(new Handle(t))
          : new Bad(
              "\"" + t + "\" is not a Telegram username (@ and 5 to 32 letters, digits or _)");
    }
    if (SPREADSHEET_NUMBER.matcher(t).matches()) {
      return new Bad(
          "\""
              + t
              + "\" looks like a spreadsheet turned the phone number into a number; format the"
              + " column as text");
    }
    String phone = SEPARATORS.matcher(t).replaceAll("");
    if (PHONE.matcher(phone).matches()) {
      return new Ok(new Handle(phone));
    }
    if (phone.matches("[0-9]{6,17}")) {
      return new Bad(
          "phone number \"" + t + "\" needs its country code, starting with + (e.g. +254…)");
    }
    return new Bad(
        "\""
            + t
            + "\" is neither a phone number (+ and 8 to 15 digits) nor a Telegram username"
            + " (@ and 5 to 32 letters, digits or _)");
  }

  /**
   * Enough to recognise a number or name on a list, not enough to use it: {@code +2547•••••78},
   * {@code @am•••••}.
   */
  static String mask(String handle) {
    if (handle == null || handle.isEmpty()) {
      return null;
    }
    if (handle.startsWith("+") && handle.length() > 7) {
      return handle.substring(0, 5)
          + String.valueOf(HIDDEN).repeat(handle.length() - 7)
          + handle.substring(handle.length() - 2);
    }
    int keep = handle.startsWith("@") ? Math.min(3, handle.length()) : 1;
    return handle.substring(0, keep)
        + String.valueOf(HIDDEN).repeat(Math.max(3, handle.length() - keep));
  }
}
