package org.peerloop.bot.broadcast;

import java.util.HashMap;
import java.util.Map;
import org.peerloop.bot.texts.BotTexts;

/**
 * A key message as its recipients read it: a line saying who it is from and for which partnership,
 * the author's words unchanged, and the link on a line of its own (chat apps make it tappable).
 */
final class BroadcastTexts {

  private BroadcastTexts() {}

  static String render(Broadcast b, String language, String partnershipName, BotTexts texts) {
    Map<String, String> values = new HashMap<>();
    values.put("partnership", partnershipName);
    values.put("author", b.authorName() == null ? "" : b.authorName());
    String head =
        texts.text(
            language, b.authorName() == null ? "broadcast-head-team" : "broadcast-head", values);
    StringBuilder out = new StringBuilder(head).append("\n\n").append(b.text());
    if (b.link() != null) {
      out.append("\n\n").append(b.link());
    }
    return out.toString();
  }
}
