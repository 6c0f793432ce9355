package org.peerloop.bot.contact;

import java.util.List;
import org.peerloop.bot.store.CollectionSpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ContactCollections {

  @Bean
  CollectionSpec contactsSpec() {
    return CollectionSpec.hot(ContactStore.COLLECTION, List.of());
  }

  @Bean
  CollectionSpec unknownSendersSpec() {
    return CollectionSpec.hot(UnknownSenders.COLLECTION, List.of());
  }
}
