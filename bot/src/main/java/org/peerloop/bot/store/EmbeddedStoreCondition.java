package org.peerloop.bot.store;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when no MongoDB URI is configured, i.e. the app must run its own store. */
final class EmbeddedStoreCondition implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    String uri = context.getEnvironment().getProperty("peerloop.mongodb-uri");
    return uri == null || uri.isBlank();
  }
}
