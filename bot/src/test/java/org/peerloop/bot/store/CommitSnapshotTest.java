package org.peerloop.bot.store;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import de.bwaldvogel.mongo.bson.Document;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a kill -9 leaves is the last committed version of the file. The app relies on one writer's
 * writes being persisted in order — a reply's effects first, the conversation that marks the
 * message handled last — so every committed version must be a snapshot of one moment, even while
 * writers keep writing during the commit. This reads each committed version back, as a restart
 * after a kill at that moment would, and checks the order held.
 */
class CommitSnapshotTest {

  // Large documents take long enough to serialise for a concurrent update to land meanwhile.
  private static final String PADDING = "x".repeat(20_000);

  @TempDir Path dir;

  @Test
  void everyCommittedVersionKeepsEachWritersOrder() throws Exception {
    int writers = 8;
    List<Long> versions = new ArrayList<>();
    try (EmbeddedStore store = EmbeddedStore.open(dir, 0, 0);
        MongoClient client = MongoClients.create(store.connectionString("t"))) {
      store.mvStore().setVersionsToKeep(1_000_000); // so that each committed version can be read
      MongoCollection<org.bson.Document> effects = client.getDatabase("t").getCollection("effects");
      MongoCollection<org.bson.Document> marks = client.getDatabase("t").getCollection("marks");
      effects.insertOne(new org.bson.Document("_id", "warm-up"));
      marks.insertOne(new org.bson.Document("_id", "warm-up"));
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        String writer = "w" + w;
        threads.add(
            new Thread(
                () -> {
                  for (int i = 0; !stop.get(); i++) {
                    // The effect first, then the mark that says it happened.
                    effects.insertOne(new org.bson.Document("_id", writer + "-" + i));
                    marks.replaceOne(
                        eq("_id", writer),
                        new org.bson.Document("_id", writer)
                            .append("last", i)
                            .append("padding", PADDING),
                        new ReplaceOptions().upsert(true));
                  }
                }));
      }
      threads.forEach(Thread::start);
      long end = System.nanoTime() + 2_000_000_000L;
      while (System.nanoTime() < end) {
        store.commit(false);
        long v = store.mvStore().getCurrentVersion();
        if (versions.isEmpty() || versions.get(versions.size() - 1) != v) {
          versions.add(v);
        }
      }
      stop.set(true);
      for (Thread t : threads) {
        t.join();
      }
    }
    // Read each committed version back from the file (not from memory, where mongo-java-server's
    // documents are live objects that later updates change in place).
    MVStore file =
        new MVStore.Builder()
            .fileName(dir.resolve(EmbeddedStore.FILE_NAME).toString())
            .readOnly()
            .open();
    try {
      file.setVersionsToKeep(1_000_000);
      MVMap<Object, Document> effectMap = open(file, "databases.t.effects");
      MVMap<Object, Document> markMap = open(file, "databases.t.marks");
      int checked = 0;
      List<String> broken = new ArrayList<>();
      for (long v : versions) {
        MVMap<Object, Document> e;
        MVMap<Object, Document> m;
        try {
          e = effectMap.openVersion(v);
          m = markMap.openVersion(v);
        } catch (RuntimeException gone) {
          continue; // that chunk was reused
        }
        for (var entry : m.entrySet()) {
          Object last = entry.getValue().get("last");
          if (last != null && !e.containsKey(entry.getKey() + "-" + last)) {
            broken.add("version " + v + ": " + entry.getKey() + " marked " + last);
          }
        }
        checked++;
      }
      assertThat(checked).as("committed versions read back").isGreaterThan(50);
      assertThat(broken).as("marks persisted without their effect").isEmpty();
    } finally {
      file.close();
    }
  }

  /**
   * The mechanism behind the property above, deterministically: mongo-java-server updates a stored
   * document object in place, and MVStore serialises pages after it collected them, so a command
   * running during a commit could change what that commit writes. Commands therefore wait while a
   * commit holds the gate.
   */
  @Test
  void commandsWaitWhileACommitHoldsTheGate() throws Exception {
    try (EmbeddedStore store = EmbeddedStore.open(dir, 0, 0);
        MongoClient client = MongoClients.create(store.connectionString("t"))) {
      MongoCollection<org.bson.Document> c = client.getDatabase("t").getCollection("c");
      c.insertOne(new org.bson.Document("_id", "before"));
      var gate = store.commitGate();
      gate.lock();
      CompletableFuture<Void> write;
      try {
        write =
            CompletableFuture.runAsync(() -> c.insertOne(new org.bson.Document("_id", "during")));
        assertThatThrownBy(() -> write.get(300, TimeUnit.MILLISECONDS))
            .isInstanceOf(TimeoutException.class);
      } finally {
        gate.unlock();
      }
      write.get(10, TimeUnit.SECONDS);
      assertThat(c.countDocuments()).isEqualTo(2);
    }
  }

  private static MVMap<Object, Document> open(MVStore store, String name) {
    return store.openMap(
        name, new MVMap.Builder<Object, Document>().valueType(BsonDocumentType.INSTANCE));
  }
}
