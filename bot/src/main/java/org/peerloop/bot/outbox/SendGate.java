package org.peerloop.bot.outbox;

/**
 * Asked just before an at-most-once message is claimed and sent: false ends it as skipped with
 * {@code reason} instead (a broadcast cancelled while it was sending). Must answer from memory or a
 * keyed read: it is asked once per message.
 */
public interface SendGate {

  /** Null when the message may go; else why it must not. */
  String refuse(OutboundMessage message);
}
