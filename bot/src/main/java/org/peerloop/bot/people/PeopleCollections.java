package org.peerloop.bot.people;

import java.util.List;
import org.peerloop.bot.store.CollectionSpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Partnerships, members and invites are small (hundreds to a few thousand documents) and read by id
 * on hot paths; listings for the admin may scan, so none is held to exact-key filters.
 */
@Configuration(proxyBeanMethods = false)
class PeopleCollections {

  @Bean
  CollectionSpec partnershipsSpec() {
    return CollectionSpec.cold(PartnershipStore.COLLECTION, List.of());
  }

  @Bean
  CollectionSpec membersSpec() {
    return CollectionSpec.cold(MemberStore.COLLECTION, List.of());
  }

  @Bean
  CollectionSpec invitesSpec() {
    return CollectionSpec.cold(InviteStore.COLLECTION, List.of());
  }
}
