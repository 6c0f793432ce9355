package org.peerloop.bot.store;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents survive the file store as BSON, and files written with Java serialisation still read.
 */
class BsonDocumentTypeTest {

  @TempDir Path dir;

  private static Document everyKind(String id) {
    return new Document("_id", id)
        .append("text", "Habari! Ça va? 🙂 \u00a0 \"quoted\" $where")
        .append("int", 42)
        .append("long", 9_007_199_254_740_993L)
        .append("double", 7.5)
        .append("decimal", Decimal128.parse("12.345"))
        .append("bool", true)
        .append("null", null)
        .append("date", new Date(1_700_000_000_123L))
        .append("oid", new ObjectId("65a1b2c3d4e5f60718293a4b"))
        .append("binary", new Binary(new byte[] {0, 1, 2, (byte) 255}))
        .append("uuid", new Binary((byte) 4, uuidBytes()))
        .append("nested", new Document("step", "progress").append("values", List.of(1, "two", 3.0)))
        .append("pairs", List.of(List.of("progress", "7"), List.of("change", "We met.")));
  }

  private static byte[] uuidBytes() {
    UUID u = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    return java.nio.ByteBuffer.allocate(16)
        .putLong(u.getMostSignificantBits())
        .putLong(u.getLeastSignificantBits())
        .array();
  }

  @Test
  void documentsAreWrittenAsMarkedBsonAndReadBack() {
    de.bwaldvogel.mongo.bson.Document doc = new de.bwaldvogel.mongo.bson.Document("_id", "x");
    doc.put("answers", List.of(List.of("progress", "7")));
    doc.put("nested", new de.bwaldvogel.mongo.bson.Document("a", 1L));
    org.h2.mvstore.WriteBuffer buffer = new org.h2.mvstore.WriteBuffer();

    BsonDocumentType.INSTANCE.write(buffer, doc);
    java.nio.ByteBuffer written = buffer.getBuffer().flip();

    assertThat(written.get(0)).isEqualTo(BsonDocumentType.MARKER);
    assertThat(BsonDocumentType.INSTANCE.read(written)).isEqualTo(doc);
    assertThat(written.hasRemaining()).isFalse();
  }

  @Test
  void everyKindOfValueComesBackAfterARestart() {
    try (EmbeddedStore store = EmbeddedStore.open(dir, 0, 1000);
        MongoClient client = MongoClients.create(store.connectionString("t"))) {
      client.getDatabase("t").getCollection("c").insertOne(everyKind("a"));
    }
    try (EmbeddedStore store = EmbeddedStore.open(dir, 0, 1000);
        MongoClient client = MongoClients.create(store.connectionString("t"))) {
      Document back = client.getDatabase("t").getCollection("c").find(eq("_id", "a")).first();
      assertThat(back).isEqualTo(normalised(everyKind("a")));
    }
  }

  @Test
  void aFileWrittenWithJavaSerialisationIsStillReadAndCanBeUpdated() {
    MVStore legacyFile =
        new MVStore.Builder().fileName(dir.resolve(EmbeddedStore.FILE_NAME).toString()).open();
    MongoServer legacy = new MongoServer(new H2Backend(legacyFile));
    try (MongoClient client = MongoClients.create(legacy.bindAndGetConnectionString())) {
      client.getDatabase("t").getCollection("c").insertOne(everyKind("old"));
    }
    legacy.shutdownNow();

    try (EmbeddedStore store = EmbeddedStore.open(dir, 0, 1000);
        MongoClient client = MongoClients.create(store.connectionString("t"))) {
      MongoCollection<Document> c = client.getDatabase("t").getCollection("c");
      assertThat(c.find(eq("_id", "old")).first()).isEqualTo(normalised(everyKind("old")));
      c.insertOne(everyKind("new"));
      c.updateOne(eq("_id", "old"), new Document("$set", new Document("int", 43)));
    }
    try (EmbeddedStore store = EmbeddedStore.open(dir, 0, 1000);
        MongoClient client = MongoClients.create(store.connectionString("t"))) {
      MongoCollection<Document> c = client.getDatabase("t").getCollection("c");
      assertThat(c.find(eq("_id", "old")).first().getInteger("int")).isEqualTo(43);
      assertThat(c.find(eq("_id", "new")).first()).isEqualTo(normalised(everyKind("new")));
    }
  }

  /** What the driver reads back for what it wrote, through a store that never touched a file. */
  private static Document normalised(Document written) {
    try (EmbeddedStore store = EmbeddedStore.open(null, 0, 1000);
        MongoClient client = MongoClients.create(store.connectionString("t"))) {
      MongoCollection<Document> c = client.getDatabase("t").getCollection("n");
      c.insertOne(written);
      return c.find(eq("_id", written.get("_id"))).first();
    }
  }
}
