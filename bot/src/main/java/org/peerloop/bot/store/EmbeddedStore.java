package org.peerloop.bot.store;

import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MongoDB-wire-compatible store the app runs when no MongoDB URI is configured:
 * mongo-java-server on loopback over an H2 MVStore file. The app talks to it through the real
 * driver over TCP, exactly as it would talk to MongoDB.
 *
 * <p>A write the server acknowledged is only in memory until the next commit; {@link
 * #commit(boolean)} is what {@link GroupCommit} calls to close that gap. MVStore's own commits (its
 * background writer, and the inline commits a writer triggers when unsaved changes pile up) are
 * turned off: they could not take the backend's commit gate, so they could persist a torn state. A
 * timer here commits what nobody asked to be durable, and compacts the file now and then.
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
  private static final int COMPACT_EVERY_S = 30;
  private static final int COMPACT_BELOW_FILL_RATE = 70;
  private static final int COMPACT_WRITE_BYTES = 2 << 20;

  private final MVStore mvStore;
  private final BsonH2Backend backend;
  private final MongoServer server;
  private final InetSocketAddress address;
  private final Path file;
  private final ScheduledExecutorService timer;
  private volatile boolean closed;

  private EmbeddedStore(MVStore mvStore, Path file, int autoCommitMs) {
    this.mvStore = mvStore;
    this.file = file;
    this.backend = new BsonH2Backend(mvStore);
    this.server = new MongoServer(backend);
    this.address = server.bind();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "store-timer");
              t.setDaemon(true);
              return t;
            });
    if (file != null && autoCommitMs > 0) {
      timer.scheduleWithFixedDelay(
          () -> background(this::commitIfChanged),
          autoCommitMs,
          autoCommitMs,
          TimeUnit.MILLISECONDS);
      timer.scheduleWithFixedDelay(
          () -> background(this::compact), COMPACT_EVERY_S, COMPACT_EVERY_S, TimeUnit.SECONDS);
    }
  }

  private void background(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      // The next durable commit reports a broken store to its callers; the timer keeps going.
      log.warn("embedded store background work failed: {}", e.toString());
    }
  }

  private void commitIfChanged() {
    if (mvStore.hasUnsavedChanges()) {
      commit(false);
    }
  }

  /**
   * Rewrites partly empty chunks so the file does not only grow (MVStore's background writer did
   * this before it was turned off). Bounded per run, under the commit gate like any commit.
   */
  private void compact() {
    if (closed) {
      return;
    }
    Lock gate = backend.commitGate();
    gate.lock();
    try {
      if (!closed && mvStore.getFillRate() < COMPACT_BELOW_FILL_RATE) {
        mvStore.compact(COMPACT_BELOW_FILL_RATE, COMPACT_WRITE_BYTES);
        mvStore.commit();
      }
    } finally {
      gate.unlock();
    }
  }

  /** Opens (or creates) the store file in {@code dataDir}, or a RAM-only store when null. */
  static EmbeddedStore open(Path dataDir, int cacheMb, int autoCommitMs) {
    MVStore.Builder builder =
        new MVStore.Builder().compress().pageSplitSize(PAGE_SPLIT_BYTES).autoCommitDisabled();
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
    EmbeddedStore store = new EmbeddedStore(mvStore, file, autoCommitMs);
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

  Lock commitGate() {
    return backend.commitGate();
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
    Lock gate = backend.commitGate();
    gate.lock();
    try {
      mvStore.commit();
    } finally {
      gate.unlock();
    }
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
    // Not shutdownNow: interrupting a commit mid-write would close MVStore's file channel.
    timer.shutdown();
    try {
      timer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    backend.markClean();
    commit(true);
    closed = true;
    server.shutdownNow();
    log.info("embedded store closed{}", file == null ? "" : " and flushed to " + file);
  }
}
