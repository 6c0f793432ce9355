package org.peerloop.bot.store;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyValueTypeTest {

  @TempDir Path dir;

  private static KeyValue roundTrip(KeyValue key) {
    WriteBuffer buffer = new WriteBuffer();
    KeyValueType.INSTANCE.write(buffer, key);
    ByteBuffer written = buffer.getBuffer().flip();
    KeyValue back = KeyValueType.INSTANCE.read(written);
    assertThat(written.hasRemaining()).isFalse();
    return back;
  }

  @Test
  void keysOrderValueByValueAndEqualKeysCompareEqual() {
    KeyValueType type = KeyValueType.INSTANCE;
    assertThat(type.compare(new KeyValue("web", "a"), new KeyValue("web", "b"))).isNegative();
    assertThat(type.compare(new KeyValue("web", "b"), new KeyValue("web", "a"))).isPositive();
    assertThat(type.compare(new KeyValue("web", "a"), new KeyValue("web", "a"))).isZero();
    assertThat(type.compare(new KeyValue(2), new KeyValue(10))).isNegative();
    assertThat(type.compare(new KeyValue("x"), new KeyValue("x", "y"))).isNegative();
  }

  @Test
  void keysSurviveWritingAndReadingIncludingAMissingField() {
    KeyValue plain = new KeyValue("web:amina", 42, new de.bwaldvogel.mongo.bson.Document("a", 1));
    KeyValue missing = new KeyValue("web", Missing.getInstance());

    assertThat(roundTrip(plain)).isEqualTo(plain);
    // Not BSON (it would come back as null): kept Java-serialised, still a missing value. (Java
    // serialisation makes a new Missing instance, as the stock backend's index keys always did.)
    KeyValue back = roundTrip(missing);
    assertThat(back.get(0)).isEqualTo("web");
    assertThat(back.get(1)).isInstanceOf(Missing.class);
  }

  @Test
  void aNewStoreUsesNaturalKeysAndItsUniqueIndexesHoldAcrossARestart() {
    try (EmbeddedStore store = EmbeddedStore.open(dir, 0, 1000);
        MongoClient client = MongoClients.create(store.connectionString("t"))) {
      assertThat(store.naturalIndexKeys()).isTrue();
      MongoCollection<Document> c = client.getDatabase("t").getCollection("c");
      c.createIndex(Indexes.ascending("channel", "id"), new IndexOptions().unique(true));
      for (int i = 0; i < 500; i++) {
        c.insertOne(new Document("_id", "k" + i).append("channel", "web").append("id", "u" + i));
      }
    }
    try (EmbeddedStore store = EmbeddedStore.open(dir, 0, 1000);
        MongoClient client = MongoClients.create(store.connectionString("t"))) {
      assertThat(store.naturalIndexKeys()).isTrue();
      MongoCollection<Document> c = client.getDatabase("t").getCollection("c");
      assertThat(c.find(eq("_id", "k321")).first().getString("id")).isEqualTo("u321");
      assertThat(
              c.find(new Document("channel", "web").append("id", "u77")).first().getString("_id"))
          .isEqualTo("k77");
      assertThatThrownBy(() -> c.insertOne(new Document("_id", "k5")))
          .isInstanceOf(MongoWriteException.class);
      assertThatThrownBy(
              () ->
                  c.insertOne(
                      new Document("_id", "new").append("channel", "web").append("id", "u9")))
          .isInstanceOf(MongoWriteException.class);
    }
  }

  @Test
  void afterAnUncleanStopADocumentWhoseIndexEntryWasLostIsFoundAgain() {
    try (EmbeddedStore store = EmbeddedStore.open(dir, 0, 1000);
        MongoClient client = MongoClients.create(store.connectionString("t"))) {
      client.getDatabase("t").getCollection("c").insertOne(new Document("_id", "kept"));
    }
    // What a crash between mongo-java-server's two map updates leaves: the document is in the
    // data map, its _id index entry is not, and the store was not closed cleanly.
    MVStore raw =
        new MVStore.Builder().fileName(dir.resolve(EmbeddedStore.FILE_NAME).toString()).open();
    raw.openMap(
            "databases.t.c",
            new org.h2.mvstore.MVMap.Builder<Object, de.bwaldvogel.mongo.bson.Document>()
                .valueType(BsonDocumentType.INSTANCE))
        .put("orphan", new de.bwaldvogel.mongo.bson.Document("_id", "orphan"));
    raw.<String, String>openMap(BsonH2Backend.FORMAT_MAP).put(BsonH2Backend.STATE, "open");
    raw.close();

    try (EmbeddedStore store = EmbeddedStore.open(dir, 0, 1000);
        MongoClient client = MongoClients.create(store.connectionString("t"))) {
      assertThat(store.repairedIndexes()).isTrue();
      MongoCollection<Document> c = client.getDatabase("t").getCollection("c");
      assertThat(c.find(eq("_id", "orphan")).first()).isNotNull();
      assertThat(c.find(eq("_id", "kept")).first()).isNotNull();
      assertThatThrownBy(() -> c.insertOne(new Document("_id", "orphan")))
          .isInstanceOf(MongoWriteException.class)
          .hasMessageContaining("duplicate key");
    }
    try (EmbeddedStore store = EmbeddedStore.open(dir, 0, 1000)) {
      assertThat(store.repairedIndexes()).as("a clean close needs no repair").isFalse();
    }
  }

  @Test
  void afterAnUncleanStopAnIndexEntryWhoseDocumentWasLostNoLongerBlocksItsId() {
    try (EmbeddedStore store = EmbeddedStore.open(dir, 0, 1000);
        MongoClient client = MongoClients.create(store.connectionString("t"))) {
      for (String name : List.of("a", "b", "responses")) {
        client.getDatabase("t").getCollection(name).insertOne(new Document("_id", "x"));
        client.getDatabase("t").getCollection(name).insertOne(new Document("_id", "y"));
      }
    }
    // The other half of a torn write: the index entry was committed, the document was not.
    MVStore raw =
        new MVStore.Builder().fileName(dir.resolve(EmbeddedStore.FILE_NAME).toString()).open();
    raw.openMap(
            "databases.t.responses",
            new org.h2.mvstore.MVMap.Builder<Object, de.bwaldvogel.mongo.bson.Document>()
                .valueType(BsonDocumentType.INSTANCE))
        .remove("x");
    raw.<String, String>openMap(BsonH2Backend.FORMAT_MAP).put(BsonH2Backend.STATE, "open");
    raw.close();

    try (EmbeddedStore store = EmbeddedStore.open(dir, 0, 1000);
        MongoClient client = MongoClients.create(store.connectionString("t"))) {
      MongoCollection<Document> c = client.getDatabase("t").getCollection("responses");
      c.insertOne(new Document("_id", "x").append("again", true));
      assertThat(c.find(eq("_id", "x")).first().getBoolean("again")).isTrue();
      assertThat(c.find(eq("_id", "y")).first()).isNotNull();
    }
  }

  @Test
  void aStoreWrittenByTheStockBackendKeepsItsIndexOrder() {
    MVStore legacyFile =
        new MVStore.Builder().fileName(dir.resolve(EmbeddedStore.FILE_NAME).toString()).open();
    MongoServer legacy = new MongoServer(new H2Backend(legacyFile));
    try (MongoClient client = MongoClients.create(legacy.bindAndGetConnectionString())) {
      MongoCollection<Document> c = client.getDatabase("t").getCollection("c");
      c.createIndex(Indexes.ascending("k"), new IndexOptions().unique(true));
      for (int i = 0; i < 200; i++) {
        c.insertOne(new Document("_id", i).append("k", "v" + i));
      }
    }
    legacy.shutdownNow();

    try (EmbeddedStore store = EmbeddedStore.open(dir, 0, 1000);
        MongoClient client = MongoClients.create(store.connectionString("t"))) {
      assertThat(store.naturalIndexKeys()).isFalse();
      MongoCollection<Document> c = client.getDatabase("t").getCollection("c");
      assertThat(c.find(eq("k", "v150")).first().getInteger("_id")).isEqualTo(150);
      assertThat(c.find(eq("_id", 42)).first().getString("k")).isEqualTo("v42");
      assertThatThrownBy(() -> c.insertOne(new Document("_id", 999).append("k", "v3")))
          .isInstanceOf(MongoWriteException.class);
    }
  }
}
