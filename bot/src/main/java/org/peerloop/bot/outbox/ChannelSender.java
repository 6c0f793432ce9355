package org.peerloop.bot.outbox;

/**
 * One channel's way out. Only the outbox calls this (an ArchUnit rule), which is what makes "a
 * stopped person receives nothing from any feature" true by construction.
 */
public interface ChannelSender {

  /** The channel name, as in {@link Recipient#channel()}. */
  String channel();

  /** Sends one message, blocking; never throws for platform errors, answers them instead. */
  SendResult send(OutboundMessage message);
}
