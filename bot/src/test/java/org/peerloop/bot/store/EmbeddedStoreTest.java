package org.peerloop.bot.store;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.nio.file.Path;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStoreTest {

  @TempDir Path dir;

  @Test
  void whatWasWrittenIsThereAfterACleanCloseAndReopen() {
    try (EmbeddedStore store = EmbeddedStore.open(dir, 0, 1000);
        MongoClient client = MongoClients.create(store.connectionString("t"))) {
      client.getDatabase("t").getCollection("c").insertOne(new Document("_id", "kept"));
    }
    try (EmbeddedStore store = EmbeddedStore.open(dir, 0, 1000);
        MongoClient client = MongoClients.create(store.connectionString("t"))) {
      assertThat(client.getDatabase("t").getCollection("c").find(eq("_id", "kept")).first())
          .isNotNull();
      assertThat(store.file()).exists().hasFileName(EmbeddedStore.FILE_NAME);
    }
  }

  @Test
  void uniqueIndexesAreCreatedAndVerified() {
    try (EmbeddedStore store = EmbeddedStore.open(null, 0, 1000);
        MongoClient client = MongoClients.create(store.connectionString("t"))) {
      MongoDatabase db = client.getDatabase("t");
      UniqueIndexes.ensure(db, List.of(CollectionSpec.hot("c", List.of(List.of("a", "b")))));

      assertThat(UniqueIndexes.exists(db, "c", List.of("a", "b"))).isTrue();
      db.getCollection("c").insertOne(new Document("a", 1).append("b", 2));
      assertThat(
              DuplicateKeys.insertOnce(
                  () -> db.getCollection("c").insertOne(new Document("a", 1).append("b", 2))))
          .isFalse();
    }
  }

  @Test
  void aNonUniqueIndexOnTheSameKeysDoesNotCount() {
    try (EmbeddedStore store = EmbeddedStore.open(null, 0, 1000);
        MongoClient client = MongoClients.create(store.connectionString("t"))) {
      MongoDatabase db = client.getDatabase("t");
      db.getCollection("c").createIndex(Indexes.ascending("a"), new IndexOptions().name("plain"));

      assertThat(UniqueIndexes.exists(db, "c", List.of("a"))).isFalse();
    }
  }

  @Test
  void startIsRefusedWhenAUniqueIndexCannotBeBuilt() {
    try (EmbeddedStore store = EmbeddedStore.open(null, 0, 1000);
        MongoClient client = MongoClients.create(store.connectionString("t"))) {
      MongoDatabase db = client.getDatabase("t");
      db.getCollection("c").insertOne(new Document("k", "same"));
      db.getCollection("c").insertOne(new Document("k", "same"));

      assertThatThrownBy(
              () ->
                  UniqueIndexes.ensure(db, List.of(CollectionSpec.hot("c", List.of(List.of("k"))))))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("c(k) could not be created");
    }
  }

  @Test
  void aNewStoreStartsWithTheSmallestCache() {
    assertThat(EmbeddedStore.cacheSizeFor(dir.resolve("absent"))).isEqualTo(32);
  }
}
