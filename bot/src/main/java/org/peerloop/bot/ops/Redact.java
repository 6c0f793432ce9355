package org.peerloop.bot.ops;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps phone numbers and chat ids out of logs. Any run of seven or more digits (with an optional
 * sign) is shown as its last two digits, enough to tell two people apart in a trace and too little
 * to contact either.
 */
public final class Redact {

  private static final Pattern LONG_NUMBER = Pattern.compile("(?<![\\w.])[+-]?\\d{7,}(?![\\w.])");

  private Redact() {}

  /** Masks every long number in {@code text}. */
  public static String numbers(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    Matcher m = LONG_NUMBER.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    do {
      m.appendReplacement(out, Matcher.quoteReplacement(mask(m.group())));
    } while (m.find());
    m.appendTail(out);
    return out.toString();
  }

  /** One identifier, e.g. a phone number or chat id, for a log line. */
  public static String id(Object value) {
    return value == null ? "null" : mask(value.toString());
  }

  private static String mask(String s) {
    if (s.length() <= 4) {
      return "***";
    }
    return "***" + s.substring(s.length() - 2);
  }
}
