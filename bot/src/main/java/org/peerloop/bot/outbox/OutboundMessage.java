package org.peerloop.bot.outbox;

import java.time.Instant;
import java.util.List;
import org.peerloop.content.engine.Button;

/**
 * A message waiting to be sent. {@code id} is deterministic (derived from what caused it), so a
 * replayed cause enqueues the same id again instead of a second message. {@code source} names that
 * cause when a conversation produced the message (see {@link Outbox#recover}), else null.
 */
public record OutboundMessage(
    String id,
    Recipient to,
    String text,
    List<Button> buttons,
    Priority priority,
    String source,
    Instant createdAt) {

  public OutboundMessage {
    buttons = List.copyOf(buttons);
  }
}
