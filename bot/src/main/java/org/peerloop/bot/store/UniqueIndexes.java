package org.peerloop.bot.store;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates every declared unique index and then reads the indexes back: a missing unique index would
 * silently turn an idempotent write path into one that duplicates, so the app refuses to start
 * instead.
 */
final class UniqueIndexes {

  private static final Logger log = LoggerFactory.getLogger(UniqueIndexes.class);

  private UniqueIndexes() {}

  static void ensure(MongoDatabase db, List<CollectionSpec> specs) {
    List<String> missing = new ArrayList<>();
    for (CollectionSpec spec : specs) {
      for (List<String> keys : spec.uniqueKeys()) {
        try {
          db.getCollection(spec.name())
              .createIndex(Indexes.ascending(keys), new IndexOptions().unique(true));
        } catch (RuntimeException e) {
          missing.add(describe(spec.name(), keys) + " could not be created: " + e.getMessage());
          continue;
        }
        if (!exists(db, spec.name(), keys)) {
          missing.add(describe(spec.name(), keys) + " is missing after creation");
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("unique indexes missing: " + String.join("; ", missing));
    }
    log.info("verified unique indexes of {} collections", specs.size());
  }

  static boolean exists(MongoDatabase db, String collection, List<String> keys) {
    for (Document index : db.getCollection(collection).listIndexes()) {
      Document key = index.get("key", Document.class);
      if (key != null
          && List.copyOf(key.keySet()).equals(keys)
          && Boolean.TRUE.equals(index.getBoolean("unique"))) {
        return true;
      }
    }
    return false;
  }

  private static String describe(String collection, List<String> keys) {
    return collection + "(" + String.join(", ", keys) + ")";
  }
}
