package org.peerloop.bot.outbox;

import java.util.List;
import org.peerloop.bot.store.CollectionSpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OutboxCollections {

  @Bean
  CollectionSpec outboxPendingSpec() {
    return CollectionSpec.hot(OutboxStore.PENDING, List.of());
  }

  /** Read by id on the hot path; scanned only by the daily cleanup. */
  @Bean
  CollectionSpec outboxLogSpec() {
    return CollectionSpec.cold(OutboxStore.LOG, List.of());
  }
}
