package org.peerloop.bot.store;

import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MongoDB-wire-compatible store the app runs when no MongoDB URI is configured:
 * mongo-java-server on loopback over an H2 MVStore file. The app talks to it through the real
 * driver over TCP, exactly as it would talk to MongoDB.
 *
 * <p>The MVStore commits on a timer, so a write the server acknowledged is only in memory until the
 * next commit; {@link #commit(boolean)} is what {@link GroupCommit} calls to close that gap.
 */
final class EmbeddedStore implements AutoCloseable {

  static final String FILE_NAME = "peerloop.mv.db";

  /**
   * A commit re-serialises every page it touches, and the H2 backend keeps documents
   * Java-serialised, so a page holding fewer documents makes each small write cheaper to commit
   * (MVStore's default is 16 KB).
   */
  static final int PAGE_SPLIT_BYTES = 4096;

  private static final Logger log = LoggerFactory.getLogger(EmbeddedStore.class);

  private final MVStore mvStore;
  private final BsonH2Backend backend;
  private final MongoServer server;
  private final InetSocketAddress address;
  private final Path file;
  private volatile boolean closed;

  private EmbeddedStore(MVStore mvStore, Path file) {
    this.mvStore = mvStore;
    this.file = file;
    this.backend = new BsonH2Backend(mvStore);
    this.server = new MongoServer(backend);
    this.address = server.bind();
  }

  /** Opens (or creates) the store file in {@code dataDir}, or a RAM-only store when null. */
  static EmbeddedStore open(Path dataDir, int cacheMb, int autoCommitMs) {
    MVStore.Builder builder = new MVStore.Builder().compress().pageSplitSize(PAGE_SPLIT_BYTES);
    Path file = null;
    if (dataDir != null) {
      try {
        Files.createDirectories(dataDir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
      }
      file = dataDir.resolve(FILE_NAME).toAbsolutePath();
      builder.fileName(file.toString());
      builder.cacheSize(cacheMb > 0 ? cacheMb : cacheSizeFor(file));
    }
    MVStore mvStore = builder.open();
    mvStore.setAutoCommitDelay(autoCommitMs);
    EmbeddedStore store = new EmbeddedStore(mvStore, file);
    log.info(
        "embedded store on {} ({})",
        store.address,
        file == null ? "in memory" : file + ", cache " + mvStore.getCacheSize() + " MB");
    return store;
  }

  /**
   * The page cache: twice the file (pages are compressed on disk), at least 32 MB, at most a
   * sixteenth of the heap. Measured with the inbound benchmark: 16 MB (MVStore's default) and 256
   * MB give the same throughput, but the large cache doubles the p99 latency (longer young-GC
   * pauses over the cached, Java-deserialised documents), so the bound stays small.
   */
  static int cacheSizeFor(Path file) {
    long fileMb = 0;
    try {
      if (Files.exists(file)) {
        fileMb = Files.size(file) >> 20;
      }
    } catch (IOException e) {
      // An unreadable size only means we start from the smallest cache; it grows on restart.
    }
    long ceiling = Math.max(32, Runtime.getRuntime().maxMemory() >> 24);
    return (int) Math.max(32, Math.min(ceiling, fileMb * 2));
  }

  String connectionString(String database) {
    return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database;
  }

  InetSocketAddress address() {
    return address;
  }

  /** True when this open found an unclean stop and rebuilt the unique indexes. */
  boolean repairedIndexes() {
    return backend.repairedIndexes();
  }

  /** True when unique-index keys use {@link KeyValueType} (stores PeerLoop created). */
  boolean naturalIndexKeys() {
    return backend.naturalKeys();
  }

  /** The store file, or null for a RAM-only store. */
  Path file() {
    return file;
  }

  /** Writes every change made so far to the file; with {@code fsync}, forces it to the disk. */
  void commit(boolean fsync) {
    if (closed || file == null) {
      return;
    }
    mvStore.commit();
    if (fsync) {
      mvStore.sync();
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    // Stop new connections, force what is written to disk, then let the server close its clients
    // and the backend; MVStore's own close commits whatever those last clients still wrote.
    server.stopListening();
    backend.markClean();
    commit(true);
    closed = true;
    server.shutdownNow();
    log.info("embedded store closed{}", file == null ? "" : " and flushed to " + file);
  }
}
