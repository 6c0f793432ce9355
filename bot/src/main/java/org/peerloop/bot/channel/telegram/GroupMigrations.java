package org.peerloop.bot.channel.telegram;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.peerloop.bot.groups.GroupLinks;
import org.peerloop.bot.ops.Redact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Groups that became supergroups: Telegram gives the supergroup a new chat id and refuses sends to
 * the old one, so messages addressed to the old id follow it here.
 */
@Component
@Conditional(TelegramEnabled.class)
class GroupMigrations {

  private static final Logger log = LoggerFactory.getLogger(GroupMigrations.class);
  private final Map<String, String> moved = new ConcurrentHashMap<>();

  private final GroupLinks links;

  GroupMigrations(GroupLinks links) {
    this.links = links;
  }

  /** Remembered for sends already queued, and moved in the group links for good. */
  void moved(String from, String to) {
    if (!from.equals(to) && moved.put(from, to) == null) {
      log.info("telegram group {} is now supergroup {}", Redact.id(from), Redact.id(to));
      try {
        links.moved(UpdateTranslator.CHANNEL, from, to);
      } catch (RuntimeException e) {
        // The in-memory move still redirects; the link follows at the next refused send.
        log.warn("telegram group link not moved: {}", e.toString());
      }
    }
  }

  /** The chat id to send to for {@code address}, following migrations. */
  String current(String address) {
    String at = address;
    for (int hops = 0; hops < 4; hops++) {
      String next = moved.get(at);
      if (next == null) {
        return at;
      }
      at = next;
    }
    return at;
  }
}
