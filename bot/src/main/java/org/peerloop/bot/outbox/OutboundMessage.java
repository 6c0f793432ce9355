package org.peerloop.bot.outbox;

import java.time.Instant;
import java.util.List;
import org.peerloop.content.engine.Button;

/**
 * A message waiting to be sent. {@code id} is deterministic (derived from what caused it), so a
 * replayed cause enqueues the same id again instead of a second message. {@code source} names that
 * cause when a conversation produced the message (see {@link Outbox#recover}), else null. {@code
 * attachment} is a file sent with the text (stored by {@link Attachments}), else null.
 */
public record OutboundMessage(
    String id,
    Recipient to,
    String text,
    List<Button> buttons,
    Priority priority,
    String source,
    Instant createdAt,
    Attachment attachment) {

  public OutboundMessage {
    buttons = List.copyOf(buttons);
  }

  /** A message without a file: what every feature sent before attachments existed. */
  public OutboundMessage(
      String id,
      Recipient to,
      String text,
      List<Button> buttons,
      Priority priority,
      String source,
      Instant createdAt) {
    this(id, to, text, buttons, priority, source, createdAt, null);
  }
}
