package org.peerloop.bot.groups;

import java.util.List;
import org.peerloop.bot.store.CollectionSpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One link per partnership and a handful of codes: small, and read by key when posting. */
@Configuration(proxyBeanMethods = false)
class GroupCollections {

  @Bean
  CollectionSpec groupLinksSpec() {
    return CollectionSpec.cold(GroupLinks.LINKS, List.of());
  }

  @Bean
  CollectionSpec groupCodesSpec() {
    return CollectionSpec.cold(GroupLinks.CODES, List.of());
  }
}
