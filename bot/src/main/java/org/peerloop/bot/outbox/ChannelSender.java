package org.peerloop.bot.outbox;

/**
 * One channel's way out. Only the outbox calls this (an ArchUnit rule), which is what makes "a
 * stopped person receives nothing from any feature" true by construction.
 */
public interface ChannelSender {

  /** The channel name, as in {@link Recipient#channel()}. */
  String channel();

  /**
   * True when {@code address} is a group chat, which the channel's per-group limit paces ({@code
   * per-group-per-minute}: Telegram allows about 20 messages a minute in a group).
   */
  default boolean group(String address) {
    return false;
  }

  /** Sends one message, blocking; never throws for platform errors, answers them instead. */
  SendResult send(OutboundMessage message);
}
