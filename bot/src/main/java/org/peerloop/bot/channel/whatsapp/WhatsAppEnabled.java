package org.peerloop.bot.channel.whatsapp;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when a Twilio account is configured: without one, nothing of WhatsApp starts. */
final class WhatsAppEnabled implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    String sid = context.getEnvironment().getProperty("peerloop.twilio.account-sid");
    return sid != null && !sid.isBlank();
  }
}
