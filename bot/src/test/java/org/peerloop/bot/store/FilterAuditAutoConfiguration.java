package org.peerloop.bot.store;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/** On the test class path only: every app context under test gets the filter audit. */
@AutoConfiguration
public class FilterAuditAutoConfiguration {

  @Bean
  MongoClientSettingsBuilderCustomizer filterAudit(ObjectProvider<CollectionSpec> specs) {
    return builder -> {
      FilterAudit.INSTANCE.watch(specs.orderedStream().toList());
      builder.addCommandListener(FilterAudit.INSTANCE);
    };
  }
}
