package org.peerloop.bot.people;

import java.util.Optional;

/**
 * Links that open a chat with the bot and hand it an invite code, so a person joins with one tap.
 * Implemented by each channel that has such links (Telegram's {@code t.me/<bot>?start=<code>});
 * absent when that channel is off.
 */
public interface InviteLinks {

  /** The Telegram link for {@code code}; empty while Telegram is off or the bot's name unknown. */
  Optional<String> telegram(String code);

  /**
   * The Telegram link that adds the bot to a group of the person's choice and sends {@code /start
   * code} there (a group link code); empty while Telegram is off or the bot's name unknown.
   */
  Optional<String> telegramGroup(String code);
}
