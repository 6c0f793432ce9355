package org.peerloop.bot.contact;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers values for a few seconds; bounded, forgets wholesale when full. Writes in this process
 * evict their key, so only a change made by another instance (several instances on one MongoDB) can
 * be seen late, by at most {@link #FRESH_FOR}.
 */
public final class FreshCache<V> {

  public static final Duration FRESH_FOR = Duration.ofSeconds(5);
  private static final int MAX = 100_000;

  private record Entry<V>(V value, Instant readAt) {}

  private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong evictions =
      new java.util.concurrent.atomic.AtomicLong();
  private final Clock clock;
  private final Duration freshFor;

  public FreshCache(Clock clock, Duration freshFor) {
    this.clock = clock;
    this.freshFor = freshFor;
  }

  public V get(String id) {
    Entry<V> e = entries.get(id);
    if (e == null || e.readAt().plus(freshFor).isBefore(clock.instant())) {
      return null;
    }
    return e.value();
  }

  /**
   * Taken before reading the store: a value read then is cached only if nothing was evicted
   * meanwhile. Otherwise a read that started before a write could land after the write's eviction
   * and serve the old value for {@link #FRESH_FOR} (seen: a join's end read as not yet ended).
   */
  public long stamp() {
    return evictions.get();
  }

  public void put(String id, V value, long stamp) {
    if (evictions.get() == stamp) {
      put(id, value);
    }
  }

  public void put(String id, V value) {
    if (entries.size() >= MAX) {
      entries.clear();
    }
    entries.put(id, new Entry<>(value, clock.instant()));
  }

  public void evict(String id) {
    evictions.incrementAndGet();
    entries.remove(id);
  }
}
