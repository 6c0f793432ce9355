package org.peerloop.bot.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend with documents stored as BSON ({@link BsonDocumentType}) and, in
 * stores created by PeerLoop, unique-index keys in a natural order ({@link KeyValueType}). Map
 * names and everything else are the stock backend's.
 *
 * <p>Index maps of a store first written by the stock backend keep the stock key type: their
 * B-trees are ordered by it. A store records in {@link #FORMAT_MAP} that its index maps use {@code
 * KeyValueType}; a store without that record and with index maps is opened the stock way.
 */
final class BsonH2Backend extends H2Backend {

  static final String FORMAT_MAP = "peerloop.format";
  static final String INDEX_KEYS = "index-keys";
  static final String NATURAL_KEYS = "natural-bson-1";

  // H2Database's constructor opens collections and indexes before a subclass's fields are set;
  // the store and the index format reach the overrides through this, on the constructing thread.
  private record Opening(MVStore store, boolean naturalKeys) {}

  private static final ThreadLocal<Opening> OPENING = new ThreadLocal<>();

  private final boolean naturalKeys;

  BsonH2Backend(MVStore store) {
    super(prepare(store));
    this.naturalKeys = OPENING.get().naturalKeys();
    OPENING.remove();
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
    OPENING.set(new Opening(store, natural));
    return store;
  }

  boolean naturalKeys() {
    return naturalKeys;
  }

  @Override
  protected MongoDatabase openOrCreateDatabase(String databaseName) {
    Opening outer = OPENING.get();
    boolean natural = outer != null ? outer.naturalKeys() : naturalKeys;
    OPENING.set(new Opening(getMvStore(), natural));
    try {
      return new Database(databaseName, getMvStore(), getCursorRegistry());
    } finally {
      if (outer != null) {
        OPENING.set(outer);
      } else {
        OPENING.remove();
      }
    }
  }

  private static final class Database extends H2Database {

    private Opening opening;

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
      return new BsonUniqueIndex(map, indexName, keys, sparse);
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(
        String collectionName, CollectionOptions options) {
      MVStore mv = opening().store();
      String fullName = getFullCollectionNamespace(collectionName);
      MVMap<Object, Document> data =
          mv.openMap(
              "databases." + fullName,
              new MVMap.Builder<Object, Document>().valueType(BsonDocumentType.INSTANCE));
      MVMap<String, Object> meta = mv.openMap("meta." + fullName);
      return new H2Collection(this, collectionName, options, data, meta, cursorRegistry);
    }
  }
}
