package org.peerloop.bot.store;

import com.mongodb.ConnectionString;
import com.mongodb.WriteConcern;
import java.util.concurrent.TimeUnit;
import org.peerloop.bot.config.PeerLoopProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Chooses the store: the embedded one when {@code PEERLOOP_MONGODB_URI} is empty, that MongoDB
 * otherwise. Either way Spring Data talks to it through the real driver, and the rest of the app
 * sees only a {@link MongoTemplate} and a {@link Durability}.
 */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

  @Bean
  SmartInitializingSingleton uniqueIndexesAtStart(
      MongoTemplate mongo, ObjectProvider<CollectionSpec> specs) {
    return () -> UniqueIndexes.ensure(mongo.getDb(), specs.orderedStream().toList());
  }

  @Configuration(proxyBeanMethods = false)
  @Conditional(EmbeddedStoreCondition.class)
  static class Embedded {

    @Bean(destroyMethod = "close")
    EmbeddedStore embeddedStore(PeerLoopProperties properties) {
      PeerLoopProperties.Store store = properties.store();
      return EmbeddedStore.open(
          store.memory() ? null : properties.dataDir(), store.cacheMb(), store.autoCommitMs());
    }

    @Bean(destroyMethod = "close")
    GroupCommit durability(EmbeddedStore store, PeerLoopProperties properties) {
      boolean fsync = properties.fsync();
      return new GroupCommit(() -> store.commit(fsync), "store-group-commit");
    }

    @Bean
    MongoConnectionDetails mongoConnectionDetails(
        EmbeddedStore store, PeerLoopProperties properties) {
      ConnectionString cs =
          new ConnectionString(store.connectionString(properties.store().database()));
      return () -> cs;
    }

    /** The server is on loopback: if it does not answer within seconds, it is not there. */
    @Bean
    MongoClientSettingsBuilderCustomizer loopbackTimeouts() {
      return builder ->
          builder
              .applyToClusterSettings(c -> c.serverSelectionTimeout(3, TimeUnit.SECONDS))
              .applyToSocketSettings(s -> s.connectTimeout(2, TimeUnit.SECONDS));
    }
  }

  @Configuration(proxyBeanMethods = false)
  @Conditional(ExternalMongoCondition.class)
  static class External {

    @Bean
    MongoConnectionDetails mongoConnectionDetails(PeerLoopProperties properties) {
      ConnectionString cs =
          new ConnectionString(
              MongoUris.withDefaultDatabase(
                  properties.mongodbUri().strip(), properties.store().database()));
      return () -> cs;
    }

    /** Every write is journaled on a majority before it is acknowledged to us. */
    @Bean
    MongoClientSettingsBuilderCustomizer majorityJournaled() {
      return builder -> builder.writeConcern(WriteConcern.MAJORITY.withJournal(true));
    }

    /** Writes are already durable when MongoDB acknowledges them (see the write concern). */
    @Bean
    Durability durability() {
      return () -> {};
    }
  }
}
