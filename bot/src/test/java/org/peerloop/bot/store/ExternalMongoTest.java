package org.peerloop.bot.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code PEERLOOP_MONGODB_URI} set the app uses that server (here a stand-in started by the
 * test, since no MongoDB installs on our machines), starts no embedded store, and asks for
 * majority, journaled writes.
 */
@SpringBootTest
class ExternalMongoTest {

  private static final MongoServer SERVER = new MongoServer(new MemoryBackend());
  private static final String URI = SERVER.bindAndGetConnectionString();

  @DynamicPropertySource
  static void uri(DynamicPropertyRegistry registry) {
    registry.add("peerloop.mongodb-uri", () -> URI + "/?appName=peerloop-test");
  }

  @AfterAll
  static void stop() {
    SERVER.shutdownNow();
  }

  @Autowired ApplicationContext context;
  @Autowired MongoTemplate mongo;
  @Autowired MongoClient client;
  @Autowired Durability durability;

  @Test
  void theConfiguredServerIsUsedAndNoEmbeddedStoreStarts() {
    assertThat(context.getBeanNamesForType(EmbeddedStore.class)).isEmpty();
    mongo.insert(new Document("_id", "external"), "probe");
    durability.awaitDurable();

    assertThat(mongo.getDb().getName()).isEqualTo("peerloop");
    assertThat(mongo.getCollection("probe").countDocuments(new Document("_id", "external")))
        .isEqualTo(1);
  }

  @Test
  void writesAreMajorityAndJournaled() {
    WriteConcern concern = mongo.getDb().getWriteConcern();

    assertThat(concern.getWString()).isEqualTo("majority");
    assertThat(concern.getJournal()).isTrue();
  }
}
