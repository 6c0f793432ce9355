package org.peerloop.bot.channel.telegram;

import java.util.Optional;
import org.peerloop.bot.people.InviteLinks;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * {@code https://t.me/<bot>?start=<code>}: Telegram opens the bot's private chat and sends {@code
 * /start <code>} when the person taps Start. Codes are A-Z and 0-9, which a start parameter allows
 * as they are.
 */
@Component
@Conditional(TelegramEnabled.class)
class TelegramInviteLinks implements InviteLinks {

  private final BotIdentity identity;

  TelegramInviteLinks(BotIdentity identity) {
    this.identity = identity;
  }

  @Override
  public Optional<String> telegram(String code) {
    return Optional.ofNullable(identity.privateChatLink()).map(link -> link + "?start=" + code);
  }

  @Override
  public Optional<String> telegramGroup(String code) {
    return Optional.ofNullable(identity.privateChatLink())
        .map(link -> link + "?startgroup=" + code);
  }
}
