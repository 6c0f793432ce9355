package org.peerloop.bot.contact;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers whether contacts are stopped for a few seconds; bounded, forgets wholesale when full.
 */
final class StatusCache {

  static final Duration FRESH_FOR = Duration.ofSeconds(5);
  private static final int MAX = 100_000;

  private record Entry(boolean stopped, Instant readAt) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration freshFor;

  StatusCache(Clock clock, Duration freshFor) {
    this.clock = clock;
    this.freshFor = freshFor;
  }

  Boolean get(String id) {
    Entry e = entries.get(id);
    if (e == null || e.readAt().plus(freshFor).isBefore(clock.instant())) {
      return null;
    }
    return e.stopped();
  }

  void put(String id, boolean stopped) {
    if (entries.size() >= MAX) {
      entries.clear();
    }
    entries.put(id, new Entry(stopped, clock.instant()));
  }
}
