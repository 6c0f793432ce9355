package org.peerloop.bot.store;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * What the embedded store can answer without scanning: a filter whose fields are exactly the {@code
 * _id} or exactly one unique key, each compared by plain equality or {@code $in}.
 */
final class ExactKeyRule {

  private ExactKeyRule() {}

  static Optional<String> violation(CollectionSpec spec, BsonDocument filter) {
    if (filter == null || filter.isEmpty()) {
      return Optional.of("no filter (scans the whole collection)");
    }
    Set<String> fields = new HashSet<>(filter.keySet());
    boolean isKey =
        fields.equals(Set.of("_id"))
            || spec.uniqueKeys().stream().map(HashSet::new).anyMatch(fields::equals);
    if (!isKey) {
      return Optional.of(
          "fields " + filter.keySet() + " are not _id or a unique key " + keys(spec));
    }
    for (var entry : filter.entrySet()) {
      if (!plainOrIn(entry.getValue())) {
        return Optional.of("'" + entry.getKey() + "' is not compared by equality or $in");
      }
    }
    return Optional.empty();
  }

  private static boolean plainOrIn(BsonValue value) {
    if (!value.isDocument()) {
      return true;
    }
    BsonDocument doc = value.asDocument();
    boolean operators = doc.keySet().stream().anyMatch(k -> k.startsWith("$"));
    if (!operators) {
      return true; // an embedded document compared whole
    }
    return doc.size() == 1 && doc.containsKey("$in") && doc.get("$in").isArray();
  }

  private static List<String> keys(CollectionSpec spec) {
    return spec.uniqueKeys().stream().map(k -> String.join("+", k)).toList();
  }
}
