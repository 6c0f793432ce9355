package org.peerloop.bot.instruments;

import java.util.Map;

/**
 * One rollup change: the keyed document {@code id}, the labels it carries (partnership, period,
 * organisation, …) and the counters to add. Raw records map to bumps by {@link RollupRules}, so a
 * rebuild from raw records and the increments made as answers arrived cannot disagree.
 */
record Bump(String id, Map<String, String> labels, Map<String, Long> counters) {

  Bump {
    labels = Map.copyOf(labels);
    counters = Map.copyOf(counters);
  }

  static String id(String... parts) {
    return String.join("|", parts);
  }
}
