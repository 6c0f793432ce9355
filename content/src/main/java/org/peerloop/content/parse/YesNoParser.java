package org.peerloop.content.parse;

import org.peerloop.content.catalog.Words;

/** Reads yes or no in any language's words; the saved value is always {@code yes} or {@code no}. */
public final class YesNoParser {

  private YesNoParser() {}

  public static Parsed parse(String input, Words words) {
    return words
        .yesNo(input)
        .<Parsed>map(yes -> new Parsed.Accepted(yes ? "yes" : "no", yes ? "yes" : "no"))
        .orElse(Parsed.Rejected.of("system.yesno.invalid"));
  }
}
