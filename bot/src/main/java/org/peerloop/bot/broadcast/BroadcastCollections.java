package org.peerloop.bot.broadcast;

import java.util.List;
import org.peerloop.bot.store.CollectionSpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Broadcasts are few and listed per partnership; their recipients are many and touched by key on
 * every send, so they are held to key-only reads.
 */
@Configuration(proxyBeanMethods = false)
class BroadcastCollections {

  @Bean
  CollectionSpec broadcastsSpec() {
    return CollectionSpec.cold(BroadcastStore.BROADCASTS, List.of());
  }

  @Bean
  CollectionSpec broadcastAudiencesSpec() {
    return CollectionSpec.cold(BroadcastStore.AUDIENCES, List.of());
  }

  @Bean
  CollectionSpec broadcastRecipientsSpec() {
    return CollectionSpec.hot(BroadcastStore.RECIPIENTS, List.of());
  }
}
