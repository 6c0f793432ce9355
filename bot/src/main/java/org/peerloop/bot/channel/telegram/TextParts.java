package org.peerloop.bot.channel.telegram;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a text longer than Telegram's 4,096 characters into messages, at a paragraph, line or word
 * break when one is near the limit, never inside a surrogate pair.
 */
final class TextParts {

  static final int LIMIT = 4096;

  private TextParts() {}

  static List<String> split(String text) {
    return split(text, LIMIT);
  }

  static List<String> split(String text, int limit) {
    List<String> parts = new ArrayList<>();
    String rest = text == null ? "" : text;
    while (rest.length() > limit) {
      int cut = breakBefore(rest, limit);
      parts.add(rest.substring(0, cut).stripTrailing());
      rest = rest.substring(cut).stripLeading();
    }
    if (!rest.isEmpty() || parts.isEmpty()) {
      parts.add(rest.isEmpty() ? " " : rest); // Telegram refuses an empty text
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
