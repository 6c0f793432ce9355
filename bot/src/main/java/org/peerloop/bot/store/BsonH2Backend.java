package org.peerloop.bot.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server's H2 backend with documents stored as BSON ({@link BsonDocumentType}) and, in
 * stores created by PeerLoop, unique-index keys in a natural order ({@link KeyValueType}). Map
 * names and everything else are the stock backend's.
 *
 * <p>Index maps of a store first written by the stock backend keep the stock key type: their
 * B-trees are ordered by it. A store records in {@link #FORMAT_MAP} that its index maps use {@code
 * KeyValueType}; a store without that record and with index maps is opened the stock way.
 *
 * <p>Every command runs under the shared side of {@link #commitGate()}, and a commit takes its
 * exclusive side. mongo-java-server updates a stored document object in place, and MVStore
 * serialises a commit's pages after it collected them (and collects one map after another), so a
 * command running during a commit could change what that commit writes: a later update persisted
 * without an earlier insert into another collection. After a kill -9 that was a conversation
 * marking a message handled whose finished check-in was never stored. With the gate each committed
 * version is the state between two commands, and one client's writes reach the file in the order it
 * made them.
 */
final class BsonH2Backend extends H2Backend {

  static final String FORMAT_MAP = "peerloop.format";
  static final String INDEX_KEYS = "index-keys";
  static final String NATURAL_KEYS = "natural-bson-1";
  static final String STATE = "state";

  // H2Database's constructor opens collections and indexes before a subclass's fields are set;
  // the store and the index format reach the overrides through this, on the constructing thread.
  private record Opening(MVStore store, boolean naturalKeys, List<Database> opened) {}

  private static final ThreadLocal<Opening> OPENING = new ThreadLocal<>();

  private final boolean naturalKeys;
  private final boolean repaired;
  private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();

  BsonH2Backend(MVStore store) {
    super(prepare(store));
    Opening opening = OPENING.get();
    OPENING.remove();
    this.naturalKeys = opening.naturalKeys();
    MVMap<String, String> format = store.openMap(FORMAT_MAP);
    boolean unclean = "open".equals(format.get(STATE));
    format.put(STATE, "open");
    // mongo-java-server writes a document and its index entries as separate map updates; a
    // commit between them and a crash leaves one without the other. After an unclean stop the
    // unique indexes are rebuilt from the documents, so lookups and inserts agree again.
    this.repaired = unclean && naturalKeys;
    if (repaired) {
      opening.opened().forEach(Database::rebuildIndexes);
    }
  }

  /** Held exclusively for the whole of a commit; see the class comment. */
  Lock commitGate() {
    return gate.writeLock();
  }

  @Override
  public Document handleMessage(MongoMessage message) {
    return shared(() -> super.handleMessage(message));
  }

  @Override
  public Document handleCommand(Channel channel, String database, String command, Document query) {
    return shared(() -> super.handleCommand(channel, database, command, query));
  }

  @Override
  public QueryResult handleQuery(MongoQuery query) {
    return shared(() -> super.handleQuery(query));
  }

  @Override
  public void dropDatabase(String database) {
    shared(
        () -> {
          super.dropDatabase(database);
          return null;
        });
  }

  private <T> T shared(Supplier<T> command) {
    Lock lock = gate.readLock();
    lock.lock();
    try {
      return command.get();
    } finally {
      lock.unlock();
    }
  }

  /** Marks the store as stopped cleanly; the next open then skips the index rebuild. */
  void markClean() {
    getMvStore().<String, String>openMap(FORMAT_MAP).put(STATE, "closed");
  }

  boolean repairedIndexes() {
    return repaired;
  }

  /** Decides the index format before the stock constructor opens the existing databases. */
  private static MVStore prepare(MVStore store) {
    MVMap<String, String> format = store.openMap(FORMAT_MAP);
    boolean natural;
    if (NATURAL_KEYS.equals(format.get(INDEX_KEYS))) {
      natural = true;
    } else if (store.getMapNames().stream().anyMatch(n -> n.contains("._index_"))) {
      natural = false; // written by the stock backend: keep its key order
    } else {
      format.put(INDEX_KEYS, NATURAL_KEYS);
      natural = true;
    }
    OPENING.set(new Opening(store, natural, new ArrayList<>()));
    return store;
  }

  boolean naturalKeys() {
    return naturalKeys;
  }

  @Override
  protected MongoDatabase openOrCreateDatabase(String databaseName) {
    Opening outer = OPENING.get();
    boolean natural = outer != null ? outer.naturalKeys() : naturalKeys;
    OPENING.set(new Opening(getMvStore(), natural, List.of()));
    try {
      Database db = new Database(databaseName, getMvStore(), getCursorRegistry());
      if (outer != null) {
        outer.opened().add(db);
      }
      return db;
    } finally {
      if (outer != null) {
        OPENING.set(outer);
      } else {
        OPENING.remove();
      }
    }
  }

  private static final class Database extends H2Database {

    private static final Logger log = LoggerFactory.getLogger(BsonH2Backend.class);

    private Opening opening;
    // No initialisers: the stock constructor calls the overrides below before they would run,
    // and what those calls record must survive it.
    private Map<String, H2Collection> collections;
    private Map<String, MVMap<Object, Document>> dataMaps;
    private Map<String, List<BsonUniqueIndex>> indexes;

    Database(String name, MVStore store, CursorRegistry cursors) {
      super(name, store, cursors);
      this.opening = OPENING.get();
    }

    private Opening opening() {
      return opening != null ? opening : OPENING.get();
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(
        String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
      Opening o = opening();
      if (!o.naturalKeys()) {
        return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
      }
      MVMap<KeyValue, Object> map =
          o.store()
              .openMap(
                  getFullCollectionNamespace(collectionName) + "._index_" + indexName,
                  new MVMap.Builder<KeyValue, Object>().keyType(KeyValueType.INSTANCE));
      BsonUniqueIndex index = new BsonUniqueIndex(map, indexName, keys, sparse);
      if (indexes == null) {
        indexes = new HashMap<>();
      }
      indexes.computeIfAbsent(collectionName, c -> new ArrayList<>()).add(index);
      return index;
    }

    void rebuildIndexes() {
      // The stock constructor opens only some collections; open every one this database has,
      // so that all their unique indexes are registered and rebuilt.
      String prefix = "databases." + getDatabaseName() + ".";
      for (String map : opening().store().getMapNames()) {
        if (map.startsWith(prefix) && !map.substring(prefix.length()).startsWith("system.")) {
          resolveCollection(map.substring(prefix.length()), false);
        }
      }
      if (indexes == null || collections == null) {
        return;
      }
      indexes.forEach(
          (name, list) -> {
            H2Collection collection = collections.get(name);
            MVMap<Object, Document> docs = dataMaps.get(name);
            if (collection == null || docs == null) {
              return;
            }
            list.forEach(BsonUniqueIndex::clear);
            int skipped = 0;
            for (Map.Entry<Object, Document> e : docs.entrySet()) {
              for (BsonUniqueIndex index : list) {
                try {
                  index.add(e.getValue(), e.getKey(), collection);
                } catch (RuntimeException conflict) {
                  skipped++;
                }
              }
            }
            log.info(
                "rebuilt {} unique index(es) of {} after an unclean stop ({} entries, {} conflicts)",
                list.size(),
                name,
                docs.size(),
                skipped);
          });
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(
        String collectionName, CollectionOptions options) {
      MVStore mv = opening().store();
      String fullName = getFullCollectionNamespace(collectionName);
      MVMap<Object, Document> documents =
          mv.openMap(
              "databases." + fullName,
              new MVMap.Builder<Object, Document>().valueType(BsonDocumentType.INSTANCE));
      MVMap<String, Object> meta = mv.openMap("meta." + fullName);
      H2Collection collection =
          new H2Collection(this, collectionName, options, documents, meta, cursorRegistry);
      if (collections == null) {
        collections = new HashMap<>();
        dataMaps = new HashMap<>();
      }
      collections.put(collectionName, collection);
      dataMaps.put(collectionName, documents);
      return collection;
    }
  }
}
