package org.peerloop.bot.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Path;

/** For tests in other packages: open a stopped app's data directory and read what is stored. */
public final class StoreFiles implements AutoCloseable {

  private final EmbeddedStore store;
  private final MongoClient client;

  private StoreFiles(Path dataDir) {
    this.store = EmbeddedStore.open(dataDir, 0, 1000);
    this.client = MongoClients.create(store.connectionString("peerloop"));
  }

  public static StoreFiles open(Path dataDir) {
    return new StoreFiles(dataDir);
  }

  public MongoDatabase database() {
    return client.getDatabase("peerloop");
  }

  @Override
  public void close() {
    client.close();
    store.close();
  }
}
