package org.peerloop.bot.outbox;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a text longer than a platform's limit (Telegram's 4,096 characters, Twilio's 1,600) into
 * messages, at a paragraph, line or word break when one is near the limit, never inside a surrogate
 * pair.
 */
public final class TextParts {

  /** Telegram's limit, the default. */
  public static final int LIMIT = 4096;

  private TextParts() {}

  public static List<String> split(String text) {
    return split(text, LIMIT);
  }

  public static List<String> split(String text, int limit) {
    List<String> parts = new ArrayList<>();
    String rest = text == null ? "" : text;
    while (rest.length() > limit) {
      int cut = breakBefore(rest, limit);
      parts.add(rest.substring(0, cut).stripTrailing());
      rest = rest.substring(cut).stripLeading();
    }
    if (!rest.isEmpty() || parts.isEmpty()) {
      parts.add(rest.isEmpty() ? " " : rest); // platforms refuse an empty text
    }
    return parts;
  }

  private static int breakBefore(String s, int limit) {
    int floor = limit / 2; // do not make tiny parts to find a nicer break
    for (String mark : new String[] {"\n\n", "\n", " "}) {
      int at = s.lastIndexOf(mark, limit - mark.length());
      if (at >= floor) {
        return at + mark.length();
      }
    }
    return Character.isLowSurrogate(s.charAt(limit)) ? limit - 1 : limit;
  }
}
