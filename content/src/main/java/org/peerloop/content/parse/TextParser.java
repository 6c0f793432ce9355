package org.peerloop.content.parse;

import java.util.Map;

/**
 * Reads typed text within bounds. Over-long text is sent back with the limit rather than cut: the
 * person decides what to leave out. Length counts characters as people see them (code points), so
 * an emoji counts once.
 */
public final class TextParser {

  private TextParser() {}

  public static Parsed parse(String input, int minLength, int maxLength) {
    String text = input == null ? "" : input.strip();
    int length = text.codePointCount(0, text.length());
    if (length == 0) {
      return Parsed.Rejected.of("system.text.empty");
    }
    if (length < minLength) {
      return new Parsed.Rejected("system.text.too-short", Map.of("min", "" + minLength));
    }
    if (length > maxLength) {
      return new Parsed.Rejected("system.text.too-long", Map.of("max", "" + maxLength));
    }
    return new Parsed.Accepted(text, "text");
  }
}
