package org.peerloop.bot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a kill -9 leaves is the last committed version of the file, and the app relies on one
 * writer's writes reaching it in order (a reply's effects first, the conversation that marks the
 * message handled last). End to end that is {@code ConversationKillNineTest}; this checks the
 * mechanism that makes it hold.
 */
class CommitGateTest {

  @TempDir Path dir;

  /**
   * mongo-java-server updates a stored document object in place, and MVStore serialises pages after
   * it collected them, so a command running during a commit could change what that commit writes.
   * Commands therefore wait while a commit holds the gate.
   */
  @Test
  void commandsWaitWhileACommitHoldsTheGate() throws Exception {
    try (EmbeddedStore store = EmbeddedStore.open(dir, 0, 0);
        MongoClient client = MongoClients.create(store.connectionString("t"))) {
      MongoCollection<Document> c = client.getDatabase("t").getCollection("c");
      c.insertOne(new Document("_id", "before"));
      var gate = store.commitGate();
      gate.lock();
      CompletableFuture<Void> write;
      try {
        write = CompletableFuture.runAsync(() -> c.insertOne(new Document("_id", "during")));
        assertThatThrownBy(() -> write.get(300, TimeUnit.MILLISECONDS))
            .isInstanceOf(TimeoutException.class);
      } finally {
        gate.unlock();
      }
      write.get(10, TimeUnit.SECONDS);
      assertThat(c.countDocuments()).isEqualTo(2);
    }
  }
}
