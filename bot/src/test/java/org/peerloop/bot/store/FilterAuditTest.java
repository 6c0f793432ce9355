package org.peerloop.bot.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.UpdateOptions;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit sees what the real driver sends, for every command that carries a filter. */
class FilterAuditTest {

  private final FilterAudit audit = new FilterAudit();
  private EmbeddedStore store;
  private MongoClient client;
  private MongoCollection<Document> hot;
  private MongoCollection<Document> cold;

  @BeforeEach
  void start() {
    store = EmbeddedStore.open(null, 0, 1000);
    audit.watch(
        List.of(
            CollectionSpec.hot("queue", List.of(List.of("owner", "slot"))),
            CollectionSpec.cold("archive", List.of())));
    client =
        MongoClients.create(
            MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(store.connectionString("audit")))
                .addCommandListener(audit)
                .build());
    hot = client.getDatabase("audit").getCollection("queue");
    cold = client.getDatabase("audit").getCollection("archive");
  }

  @AfterEach
  void stop() {
    client.close();
    store.close();
  }

  @Test
  void exactKeyOperationsOnHotCollectionsPass() {
    hot.updateOne(eq("_id", "a"), set("n", 1), new UpdateOptions().upsert(true));
    hot.find(eq("_id", "a")).first();
    // Filters.and(...) would send {$and: [...]}, which the store scans: name the fields directly.
    hot.find(new Document("owner", "o").append("slot", 3)).first();
    hot.findOneAndUpdate(eq("_id", "a"), set("n", 2), new FindOneAndUpdateOptions());
    hot.deleteOne(eq("_id", "a"));
    hot.insertOne(new Document("_id", "b"));

    assertThat(audit.drain()).isEmpty();
  }

  @Test
  void scansOfHotCollectionsAreRecordedForEveryCommand() {
    hot.find(gt("_id", "a")).first();
    hot.updateOne(and(eq("_id", "a"), eq("version", 1)), set("n", 1));
    hot.deleteMany(eq("state", "sent"));
    hot.findOneAndUpdate(eq("owner", "o"), set("n", 2));
    hot.find(and(eq("owner", "o"), eq("slot", 3))).first();
    hot.countDocuments();

    List<String> violations = audit.drain();
    assertThat(violations).hasSize(6);
    assertThat(violations.get(0)).startsWith("find on hot 'queue'");
    assertThat(violations.get(1)).startsWith("update on hot 'queue'").contains("version");
    assertThat(violations.get(2)).startsWith("delete on hot 'queue'").contains("state");
    assertThat(violations.get(3)).startsWith("findAndModify on hot 'queue'");
    assertThat(violations.get(4)).startsWith("find on hot 'queue'").contains("$and");
    assertThat(violations.get(5)).startsWith("aggregate on hot 'queue'");
  }

  @Test
  void aScanThatSaysWhyInItsCommentIsAllowed() {
    hot.find().comment("scan-ok: recovery reads the small pending set").first();
    hot.find().comment("just looking").first();

    assertThat(audit.drain()).hasSize(1);
  }

  @Test
  void coldCollectionsMayBeScanned() {
    cold.find(gt("at", 3)).first();
    cold.deleteMany(eq("state", "old"));

    assertThat(audit.drain()).isEmpty();
  }
}
