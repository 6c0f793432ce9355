package org.peerloop.bot.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * UP only when the store answers a round trip through the driver. (Spring Boot's own MongoDB
 * indicator sends {@code hello}, which the embedded store does not implement.)
 */
@Component("store")
class StoreHealthIndicator extends AbstractHealthIndicator {

  private final MongoTemplate mongo;
  private final ObjectProvider<EmbeddedStore> embedded;

  StoreHealthIndicator(MongoTemplate mongo, ObjectProvider<EmbeddedStore> embedded) {
    super("store health check failed");
    this.mongo = mongo;
    this.embedded = embedded;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    mongo.getDb().runCommand(new Document("ping", 1));
    EmbeddedStore store = embedded.getIfAvailable();
    if (store == null) {
      builder.up().withDetail("kind", "mongodb");
      return;
    }
    builder.up().withDetail("kind", "embedded");
    Path file = store.file();
    if (file != null) {
      builder.withDetail("file", file.toString()).withDetail("bytes", sizeOf(file));
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }
}
