package org.peerloop.content.parse;

import java.util.Map;

/** What an answer turned out to be: a canonical value, or the reason it was not understood. */
public sealed interface Parsed {

  /** A value in canonical form and the category the flow may branch on (may be null). */
  record Accepted(String value, String category) implements Parsed {}

  /** Not understood; {@code textKey} names the re-prompt text, {@code params} fill it in. */
  record Rejected(String textKey, Map<String, String> params) implements Parsed {
    public Rejected {
      params = Map.copyOf(params);
    }

    static Rejected of(String textKey) {
      return new Rejected(textKey, Map.of());
    }
  }
}
