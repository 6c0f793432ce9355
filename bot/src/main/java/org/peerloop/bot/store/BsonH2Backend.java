package org.peerloop.bot.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend with documents stored as BSON ({@link BsonDocumentType}). Only how
 * collection data maps are opened changes; map names, indexes and everything else are the stock
 * backend's.
 */
final class BsonH2Backend extends H2Backend {

  // H2Database's constructor opens collections before a subclass's fields are set; the store
  // reaches the override through this, on the constructing thread.
  private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

  BsonH2Backend(MVStore store) {
    super(store);
  }

  @Override
  protected MongoDatabase openOrCreateDatabase(String databaseName) {
    OPENING.set(getMvStore());
    try {
      return new Database(databaseName, getMvStore(), getCursorRegistry());
    } finally {
      OPENING.remove();
    }
  }

  private static final class Database extends H2Database {

    private MVStore store;

    Database(String name, MVStore store, CursorRegistry cursors) {
      super(name, store, cursors);
      this.store = store;
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(
        String collectionName, CollectionOptions options) {
      MVStore mv = store != null ? store : OPENING.get();
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
