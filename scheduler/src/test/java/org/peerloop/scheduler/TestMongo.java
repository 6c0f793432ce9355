package org.peerloop.scheduler;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/** An in-process Mongo server reached through the real driver over TCP, as the bot does. */
final class TestMongo implements AutoCloseable {

  private final MongoServer server;
  private final MongoClient client;

  TestMongo() {
    server = new MongoServer(new MemoryBackend());
    InetSocketAddress address = server.bind();
    client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
  }

  MongoDatabase db(String name) {
    return client.getDatabase(name);
  }

  @Override
  public void close() {
    client.close();
    server.shutdownNow();
  }
}
