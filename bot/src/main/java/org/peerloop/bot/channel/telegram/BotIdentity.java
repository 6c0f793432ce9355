package org.peerloop.bot.channel.telegram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The bot's own username (for "@PeerLoopBot" commands in groups and t.me links), asked of Telegram
 * when first needed and again at most every half minute until it answers; start-up never waits.
 */
@Component
@Conditional(TelegramEnabled.class)
class BotIdentity {

  private static final Duration RETRY = Duration.ofSeconds(30);

  private final TelegramClient client;
  private final Clock clock;
  private volatile String username;
  private volatile Instant nextTry = Instant.MIN;

  BotIdentity(TelegramClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** The username without @, or null while Telegram has not told us. */
  String username() {
    String known = username;
    if (known != null) {
      return known;
    }
    synchronized (this) {
      if (username == null && !clock.instant().isBefore(nextTry)) {
        nextTry = clock.instant().plus(RETRY);
        try {
          username = client.execute(new GetMe()).getUserName();
        } catch (TelegramApiException | RuntimeException e) {
          return null;
        }
      }
      return username;
    }
  }

  /** A link that opens the bot's private chat, or null while the username is unknown. */
  String privateChatLink() {
    String name = username();
    return name == null ? null : "https://t.me/" + name;
  }
}
