package org.peerloop.bot.instruments;

import java.util.List;
import org.peerloop.bot.store.CollectionSpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Rollups and health submissions are read by id on every answer and summary (hot). The raw records
 * are written once and read per partnership or per member, or whole by a rebuild (cold).
 */
@Configuration(proxyBeanMethods = false)
class InstrumentCollections {

  @Bean
  CollectionSpec rollupsSpec() {
    return CollectionSpec.hot(Rollups.COLLECTION, List.of());
  }

  @Bean
  CollectionSpec healthSubmissionsSpec() {
    return CollectionSpec.hot(HealthStore.SUBMISSIONS, List.of());
  }

  @Bean
  CollectionSpec healthAnswersSpec() {
    return CollectionSpec.cold(HealthStore.ANSWERS, List.of());
  }

  @Bean
  CollectionSpec checkinsSpec() {
    return CollectionSpec.cold(Checkins.COLLECTION, List.of());
  }

  @Bean
  CollectionSpec reflectionsSpec() {
    return CollectionSpec.cold(Reflections.COLLECTION, List.of());
  }

  @Bean
  CollectionSpec outcomesSpec() {
    return CollectionSpec.cold(OutcomeReports.COLLECTION, List.of());
  }

  @Bean
  CollectionSpec activitySpec() {
    return CollectionSpec.cold(Activity.COLLECTION, List.of());
  }

  @Bean
  CollectionSpec nudgesSpec() {
    return CollectionSpec.cold(Nudges.COLLECTION, List.of());
  }
}
