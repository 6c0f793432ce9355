package org.peerloop.bot.broadcast;

import java.util.Map;

/**
 * A draft as its author checks it: the message exactly as a recipient reading the author's language
 * will see it, how many it goes to on each channel, how many will be skipped and why, the linked
 * group it is also posted to and the name of the file it carries (each null when none).
 */
public record Preview(
    String text,
    int recipients,
    Map<String, Integer> channels,
    Map<String, Integer> skipped,
    String group,
    String file) {

  public int skippedTotal() {
    return skipped.values().stream().mapToInt(Integer::intValue).sum();
  }

  public int sending() {
    return channels.values().stream().mapToInt(Integer::intValue).sum();
  }
}
