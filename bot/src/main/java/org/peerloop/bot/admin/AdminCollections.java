package org.peerloop.bot.admin;

import java.util.List;
import org.peerloop.bot.store.CollectionSpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The admin's own collection: one small document, read by id. */
@Configuration(proxyBeanMethods = false)
class AdminCollections {

  @Bean
  CollectionSpec adminKeysSpec() {
    return CollectionSpec.hot(MemberIds.COLLECTION, List.of());
  }
}
