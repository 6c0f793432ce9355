package org.peerloop.bot.channel.whatsapp;

import java.util.List;
import org.peerloop.bot.store.CollectionSpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Sessions and message statuses are touched on every message, by id only; media records are few.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(WhatsAppEnabled.class)
class WhatsAppCollections {

  @Bean
  CollectionSpec whatsappSessionsSpec() {
    return CollectionSpec.hot(Sessions.COLLECTION, List.of());
  }

  @Bean
  CollectionSpec whatsappMessagesSpec() {
    return CollectionSpec.hot(Statuses.COLLECTION, List.of());
  }

  @Bean
  CollectionSpec whatsappMediaSpec() {
    return CollectionSpec.cold(MediaFetcher.COLLECTION, List.of());
  }
}
