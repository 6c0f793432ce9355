package org.peerloop.bot.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.peerloop.bot.testing.MutableClock;

class FreshCacheTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
  private final FreshCache<Boolean> cache = new FreshCache<>(clock, Duration.ofSeconds(5));

  @Test
  void answersWhatItWasToldWhileFresh() {
    cache.put("web:a", true);
    cache.put("web:b", false);

    clock.advance(Duration.ofSeconds(5));
    assertThat(cache.get("web:a")).isTrue();
    assertThat(cache.get("web:b")).isFalse();
    assertThat(cache.get("web:c")).isNull();
  }

  @Test
  void aReadThatOverlapsAWriteIsNotCached() {
    long stamp = cache.stamp(); // a reader starts reading the old value...
    cache.evict("web:a"); // ...a writer changes it and evicts...
    cache.put("web:a", false, stamp); // ...and the old value arrives late: not kept
    assertThat(cache.get("web:a")).isNull();

    long fresh = cache.stamp();
    cache.put("web:a", true, fresh);
    assertThat(cache.get("web:a")).isTrue();
  }

  @Test
  void anEvictedKeyIsAskedForAgain() {
    cache.put("web:a", false);
    cache.evict("web:a");

    assertThat(cache.get("web:a")).isNull();
  }

  @Test
  void forgetsOnceStaleSoTheStoreIsAskedAgain() {
    cache.put("web:a", false);

    clock.advance(Duration.ofSeconds(6));
    assertThat(cache.get("web:a")).isNull();
  }
}
