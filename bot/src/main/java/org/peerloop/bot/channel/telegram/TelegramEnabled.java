package org.peerloop.bot.channel.telegram;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when a bot token is configured: without one, nothing of Telegram starts. */
final class TelegramEnabled implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    String token = context.getEnvironment().getProperty("peerloop.telegram.token");
    return token != null && !token.isBlank();
  }
}
