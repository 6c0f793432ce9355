package org.peerloop.bot.broadcast;

import java.time.Instant;
import org.peerloop.bot.outbox.Attachment;

/**
 * A key message from a facilitator (or coordinator, or the admin API) to a partnership's people.
 * {@code createdBy} is the author's member id, null when the admin API wrote it; {@code sendAt} is
 * null for "now". {@code recipients} is fixed at confirmation: the people it goes to are numbered
 * {@code 0…recipients-1} (see {@link BroadcastStore}).
 */
public record Broadcast(
    String id,
    String partnership,
    Audience audience,
    String text,
    String link,
    Attachment attachment,
    String createdBy,
    String authorName,
    String language,
    SendAt sendAt,
    BroadcastState state,
    int recipients,
    Instant createdAt,
    Instant confirmedAt,
    Instant finishedAt) {

  /** The message id of recipient {@code n}: at most once per recipient, whatever happens. */
  static String messageId(String broadcast, int n) {
    return "broadcast|" + broadcast + "|" + n;
  }

  /** The message id of the post to the partnership's linked group. */
  static String groupMessageId(String broadcast) {
    return "broadcast|" + broadcast + "|group";
  }
}
