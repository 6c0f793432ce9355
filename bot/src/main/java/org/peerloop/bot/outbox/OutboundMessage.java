package org.peerloop.bot.outbox;

import java.time.Instant;
import java.util.List;
import org.peerloop.content.engine.Button;

/**
 * A message waiting to be sent. {@code id} is deterministic (derived from what caused it), so a
 * replayed cause enqueues the same id again instead of a second message. {@code source} names that
 * cause when a conversation produced the message (see {@link Outbox#recover}), else null. {@code
 * attachment} is a file sent with the text (stored by {@link Attachments}), else null.
 *
 * <p>{@code atMostOnce} (broadcasts) trades the outbox's at-least-once for at-most-once: the send
 * is claimed durably before it goes, a crash between the send and its record leaves it {@code
 * unknown} instead of sending it again, and a failure that may have reached the person is not
 * retried (see {@link Dispatcher}).
 */
public record OutboundMessage(
    String id,
    Recipient to,
    String text,
    List<Button> buttons,
    Priority priority,
    String source,
    Instant createdAt,
    Attachment attachment,
    boolean atMostOnce) {

  public OutboundMessage {
    buttons = List.copyOf(buttons);
  }

  /** An at-least-once message, the kind every conversation sends. */
  public OutboundMessage(
      String id,
      Recipient to,
      String text,
      List<Button> buttons,
      Priority priority,
      String source,
      Instant createdAt,
      Attachment attachment) {
    this(id, to, text, buttons, priority, source, createdAt, attachment, false);
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
    this(id, to, text, buttons, priority, source, createdAt, null, false);
  }
}
