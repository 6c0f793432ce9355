package org.peerloop.bot.store;

import java.util.List;

/**
 * A collection a feature owns, with its unique keys. Every feature declares its collections as
 * beans of this type: the app creates and verifies the unique indexes at start, and the test-time
 * filter audit holds every <em>hot</em> collection to exact-key filters (its {@code _id} or one of
 * these keys), because the embedded store scans the whole collection for anything else.
 *
 * @param uniqueKeys each entry is one unique index, its fields in order
 */
public record CollectionSpec(String name, boolean hot, List<List<String>> uniqueKeys) {

  public CollectionSpec {
    if (name == null || name.isBlank() || name.contains("$")) {
      throw new IllegalArgumentException("bad collection name: " + name);
    }
    uniqueKeys = uniqueKeys.stream().map(List::copyOf).toList();
  }

  public static CollectionSpec hot(String name, List<List<String>> uniqueKeys) {
    return new CollectionSpec(name, true, uniqueKeys);
  }

  public static CollectionSpec cold(String name, List<List<String>> uniqueKeys) {
    return new CollectionSpec(name, false, uniqueKeys);
  }
}
