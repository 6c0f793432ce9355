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

  private enum State {
    ACTIVE,
    ACTIVE_REPLAYED,
    FINISHED
  }

  private final Map<String, State> ids;

  RecentIds(int capacity) {
    this.ids =
        new LinkedHashMap<>(1024, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
            return size() > capacity;
          }
        };
  }

  /** Notes the id as active unless it was seen; answers what it was before. */
  synchronized Seen add(String id) {
    State before = ids.putIfAbsent(id, State.ACTIVE);
    if (before == null) {
      return Seen.NEW;
    }
    if (before == State.FINISHED) {
      return Seen.FINISHED;
    }
    ids.put(id, State.ACTIVE_REPLAYED);
    return Seen.ACTIVE;
  }

  /**
   * Notes the id as finished; answers true when it was released again meanwhile — that replay
   * stored it as pending again, and the caller removes that entry now that the first is recorded.
   */
  synchronized boolean finish(String id) {
    State before = ids.replace(id, State.FINISHED);
    return before == State.ACTIVE_REPLAYED;
  }
}
