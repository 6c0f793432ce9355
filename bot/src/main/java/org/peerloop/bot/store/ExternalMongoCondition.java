package org.peerloop.bot.store;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when a MongoDB URI is configured. */
final class ExternalMongoCondition implements Condition {

  private final EmbeddedStoreCondition embedded = new EmbeddedStoreCondition();

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return !embedded.matches(context, metadata);
  }
}
