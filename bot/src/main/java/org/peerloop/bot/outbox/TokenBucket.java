package org.peerloop.bot.outbox;

/**
 * Paces a channel: {@code perSecond} sends a second with a burst of at most one second's worth. Not
 * thread-safe; {@link ChannelQueue} holds it under its lock. Times are {@code System.nanoTime}
 * values: pacing is about elapsed time, not the calendar.
 */
final class TokenBucket {

  private final double perSecond;
  private final double capacity;
  private double tokens;
  private long refilledAt;

  TokenBucket(double perSecond, long now) {
    this.perSecond = perSecond;
    this.capacity = Math.max(1, perSecond);
    this.tokens = capacity;
    this.refilledAt = now;
  }

  boolean unlimited() {
    return perSecond <= 0;
  }

  /** Nanoseconds until a token is available at {@code now}; 0 means one can be taken now. */
  long waitNanos(long now) {
    if (unlimited()) {
      return 0;
    }
    refill(now);
    return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perSecond * 1e9);
  }

  void take(long now) {
    if (!unlimited()) {
      refill(now);
      tokens -= 1;
    }
  }

  /** Gives back a token taken for a message that was not sent after all (a skipped one). */
  void refund() {
    if (!unlimited()) {
      tokens = Math.min(capacity, tokens + 1);
    }
  }

  private void refill(long now) {
    tokens = Math.min(capacity, tokens + (now - refilledAt) / 1e9 * perSecond);
    refilledAt = now;
  }
}
