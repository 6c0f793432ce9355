package org.peerloop.bot.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bucket takes its times as arguments, so these tests run on a made-up nanosecond clock. */
class TokenBucketTest {

  static final long MS = 1_000_000L;
  static final long T0 = 5_000_000_000L;

  @Test
  void aFreshBucketAllowsOneSecondsWorthAtOnceThenWaitsForTheNextToken() {
    TokenBucket bucket = new TokenBucket(10, T0);

    for (int i = 0; i < 10; i++) {
      assertThat(bucket.waitNanos(T0)).as("token %d", i).isZero();
      bucket.take(T0);
    }

    assertThat(bucket.waitNanos(T0)).isBetween(99 * MS, 100 * MS);
  }

  @Test
  void aRefundGivesBackOneTokenButNeverMoreThanTheBurst() {
    TokenBucket bucket = new TokenBucket(2, T0);
    bucket.take(T0);
    bucket.take(T0);
    assertThat(bucket.waitNanos(T0)).isPositive();

    bucket.refund();
    assertThat(bucket.waitNanos(T0)).isZero();

    bucket.refund();
    bucket.refund(); // already full: the burst stays two
    bucket.take(T0);
    bucket.take(T0);
    assertThat(bucket.waitNanos(T0)).isPositive();
  }

  @Test
  void tokensComeBackAtTheConfiguredRate() {
    TokenBucket bucket = new TokenBucket(10, T0);
    for (int i = 0; i < 10; i++) {
      bucket.take(T0);
    }

    assertThat(bucket.waitNanos(T0 + 50 * MS)).as("half a token back").isBetween(49 * MS, 50 * MS);
    assertThat(bucket.waitNanos(T0 + 100 * MS)).as("one token back").isZero();
    bucket.take(T0 + 100 * MS);
    assertThat(bucket.waitNanos(T0 + 100 * MS)).isPositive();
  }

  @Test
  void idleTimeDoesNotBuildUpMoreThanOneSecondsBurst() {
    TokenBucket bucket = new TokenBucket(10, T0);
    long later = T0 + 60_000 * MS;

    int allowed = 0;
    while (bucket.waitNanos(later) == 0 && allowed < 1000) {
      bucket.take(later);
      allowed++;
    }

    assertThat(allowed).isEqualTo(10);
  }

  @Test
  void takingAsSoonAsAllowedFollowsTheRateAfterTheBurst() {
    TokenBucket bucket = new TokenBucket(20, T0);
    long now = T0;
    for (int i = 0; i < 60; i++) {
      now += bucket.waitNanos(now);
      bucket.take(now);
    }

    // 20 at once, then 40 more at 20 a second.
    assertThat(now - T0).isBetween(1_990 * MS, 2_010 * MS);
  }

  @Test
  void aRateBelowOneASecondStillAllowsOneMessageThenSpacesThem() {
    TokenBucket bucket = new TokenBucket(0.5, T0);

    assertThat(bucket.waitNanos(T0)).isZero();
    bucket.take(T0);

    assertThat(bucket.waitNanos(T0)).isBetween(1_999 * MS, 2_000 * MS);
    assertThat(bucket.waitNanos(T0 + 2_000 * MS)).isZero();
  }

  @Test
  void zeroMeansUnlimited() {
    TokenBucket bucket = new TokenBucket(0, T0);

    assertThat(bucket.unlimited()).isTrue();
    for (int i = 0; i < 10_000; i++) {
      assertThat(bucket.waitNanos(T0)).isZero();
      bucket.take(T0);
    }
    assertThat(new TokenBucket(1, T0).unlimited()).isFalse();
  }
}
