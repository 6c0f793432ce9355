package org.peerloop.bot.conversation;

import java.util.List;
import org.peerloop.bot.store.CollectionSpec;
import org.peerloop.content.flow.FlowLibrary;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ConversationCollections {

  @Bean
  FlowLibrary flowLibrary() {
    return FlowLibrary.fromClasspath();
  }

  @Bean
  CollectionSpec conversationsSpec() {
    return CollectionSpec.hot(ConversationStore.COLLECTION, List.of());
  }

  @Bean
  CollectionSpec responsesSpec() {
    return CollectionSpec.hot(Responses.COLLECTION, List.of());
  }
}
