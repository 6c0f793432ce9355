package org.peerloop.bot.people;

import java.util.Locale;
import java.util.Optional;

/** The rungs of an outcome ladder: what partners expect, would like, and would love to see. */
public enum Tier {
  EXPECT,
  LIKE,
  LOVE;

  public String slug() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Tier> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (Tier t : values()) {
      if (t.slug().equals(text.strip().toLowerCase(Locale.ROOT))) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
