package org.peerloop.bot.channel.telegram;

import org.peerloop.bot.conversation.InboundMessage;

/** What one Telegram update means to PeerLoop, with no platform type left in it. */
sealed interface Translated {

  /** Something a person wrote or sent in their private chat with the bot. */
  record Message(InboundMessage inbound, long chatId, String language) implements Translated {}

  /**
   * A tap on one of our buttons: {@code callbackId} must be answered, and the keyboard of message
   * {@code messageId} removed, whatever becomes of the tap.
   */
  record Tap(InboundMessage inbound, String callbackId, long chatId, int messageId, String language)
      implements Translated {}

  /** A tap that cannot be a person's answer (no message, no data): acknowledge it only. */
  record DeadTap(String callbackId, String language) implements Translated {}

  /**
   * A command addressed to the bot in a group. Personal questions are never collected in a group:
   * the bot answers there with a link to its private chat.
   */
  record GroupCommand(
      long updateId, long chatId, long userId, String command, String argument, String language)
      implements Translated {}

  /** The bot is no longer in this group (removed, or the group deleted): nothing goes there. */
  record LeftGroup(long chatId) implements Translated {}

  /** A group became a supergroup: its chat id changed from {@code from} to {@code to}. */
  record GroupMigrated(long from, long to) implements Translated {}

  /** Deliberately not handled (edited messages, other bots, channel posts, group chatter…). */
  record Ignored(String why) implements Translated {}
}
