package org.peerloop.bot.channel.whatsapp;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.peerloop.bot.outbox.OutboundMessage;

/**
 * What the WhatsApp channel remembers of one person: when they last wrote (WhatsApp allows free
 * text only within 24 hours of that), when we last had to open the conversation with a template,
 * the payloads of the numbered choices they were last shown, and the messages held until they
 * answer the template.
 */
record Session(
    Instant lastInbound,
    Instant openerAt,
    List<String> choices,
    List<OutboundMessage> held,
    String releasedBy) {

  /** WhatsApp's customer-service window. */
  static final Duration WINDOW = Duration.ofHours(24);

  /** A little short of the window, so a send in its last minute is not refused on arrival. */
  static final Duration MARGIN = Duration.ofMinutes(2);

  static final Session NONE = new Session(null, null, List.of(), List.of(), null);

  Session {
    choices = List.copyOf(choices);
    held = List.copyOf(held);
  }

  boolean open(Instant now) {
    return lastInbound != null && now.isBefore(lastInbound.plus(WINDOW).minus(MARGIN));
  }
}
