package org.peerloop.bot.channel.telegram;

import java.util.List;
import org.peerloop.bot.store.CollectionSpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** The leaders' menus as last set: a few dozen documents, read whole each round. */
@Configuration(proxyBeanMethods = false)
@Conditional(TelegramEnabled.class)
class TelegramCollections {

  @Bean
  CollectionSpec telegramMenusSpec() {
    return CollectionSpec.cold(LeaderMenus.COLLECTION, List.of());
  }
}
