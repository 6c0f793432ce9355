package org.peerloop.bot.outbox;

import java.time.Duration;

/** How a channel answered one send; the dispatcher decides what happens next from this alone. */
public sealed interface SendResult {

  /** Accepted by the platform. */
  record Sent(String platformId) implements SendResult {}

  /**
   * Transient (rate limit, 5xx, network): try again after {@code after}. {@code refused} is true
   * when the platform certainly did not take the message (a rate limit, a refused connection), so
   * that an at-most-once message may be tried again; a timeout or a 5xx may have delivered it.
   */
  record RetryLater(Duration after, String reason, boolean refused) implements SendResult {

    /** A failure that may have reached the person. */
    public RetryLater(Duration after, String reason) {
      this(after, reason, false);
    }
  }

  /** Permanent for this message (bad request, invalid recipient): never retried. */
  record Failed(String reason) implements SendResult {}

  /** The person blocked us or is gone: stop the contact, drop what is queued for them. */
  record RecipientGone(String reason) implements SendResult {}
}
