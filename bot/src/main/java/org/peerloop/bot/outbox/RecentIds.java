package org.peerloop.bot.outbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last {@code capacity} message ids released, and whether each has finished: what lets the
 * dispatcher ignore a second release of the same id without reading the store.
 */
final class RecentIds {

  enum Seen {
    NEW,
    ACTIVE,
    FINISHED
  }

  private final Map<String, Boolean> finished;

  RecentIds(int capacity) {
    this.finished =
        new LinkedHashMap<>(1024, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /** Notes the id as active unless it was seen; answers what it was before. */
  synchronized Seen add(String id) {
    Boolean done = finished.putIfAbsent(id, Boolean.FALSE);
    return done == null ? Seen.NEW : done ? Seen.FINISHED : Seen.ACTIVE;
  }

  synchronized void finish(String id) {
    finished.replace(id, Boolean.TRUE);
  }
}
