package org.peerloop.bot.groups;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.peerloop.bot.contact.Contact;
import org.peerloop.bot.outbox.Attachment;
import org.peerloop.bot.outbox.OutboundMessage;
import org.peerloop.bot.outbox.Outbox;
import org.peerloop.bot.outbox.Priority;
import org.peerloop.bot.outbox.Recipient;
import org.springframework.stereotype.Component;

/**
 * Posts to a partnership's linked group: what broadcasts and summaries use to reach the group once,
 * besides each member's private chat. Posts go through the outbox like every message, paced by the
 * channel's per-group limit.
 */
@Component
public class GroupPosts {

  private final GroupLinks links;
  private final Outbox outbox;
  private final Clock clock;

  GroupPosts(GroupLinks links, Outbox outbox, Clock clock) {
    this.links = links;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Queues {@code text} (and {@code attachment}, may be null) for the group of {@code partnership}
   * under the deterministic {@code id}, so a repeated post is the same message; answers the group
   * it went to, empty when the partnership has none linked.
   */
  public Optional<GroupLink> post(
      String partnership, String id, String text, Attachment attachment, Priority priority) {
    Optional<GroupLink> link = links.of(partnership);
    link.ifPresent(
        g ->
            outbox.send(
                List.of(
                    new OutboundMessage(
                        id,
                        new Recipient(
                            Contact.idOf(g.channel(), g.address()), g.channel(), g.address()),
                        text,
                        List.of(),
                        priority,
                        null,
                        clock.instant(),
                        attachment))));
    return link;
  }
}
