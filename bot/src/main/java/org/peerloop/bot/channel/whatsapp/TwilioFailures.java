package org.peerloop.bot.channel.whatsapp;

import java.time.Duration;
import java.util.Set;
import org.peerloop.bot.ops.Redact;
import org.peerloop.bot.outbox.SendResult;

/**
 * What a refused Twilio request means for the outbox, by Twilio's error code (stable, documented at
 * twilio.com/docs/errors) and HTTP status.
 */
final class TwilioFailures {

  /** Sent outside the 24-hour window: the sender falls back to a template. */
  static final int OUTSIDE_WINDOW = 63016;

  /** The person opted out (replied STOP to the sender) or unsubscribed. */
  static final int UNSUBSCRIBED = 21610;

  /** Too many requests: Twilio's own and WhatsApp's rate limits. */
  static final Set<Integer> RATE_LIMITED = Set.of(20429, 63018);

  /** Recipient not on WhatsApp, invalid or unreachable for good. */
  static final Set<Integer> PERMANENT = Set.of(UNSUBSCRIBED, 63024, 21211, 21614, 63003);

  private TwilioFailures() {}

  static SendResult of(Integer httpStatus, Integer code, String message) {
    int status = httpStatus == null ? 0 : httpStatus;
    int c = code == null ? 0 : code;
    // Twilio's messages can name the number ("The 'To' number +2547… is not…"): logs never hold
    // one.
    String reason = (c == 0 ? "" : c + " ") + Redact.numbers(message == null ? "" : message);
    if (status == 429 || RATE_LIMITED.contains(c)) {
      // No "retry after" from Twilio: the outbox's growing backoff, not a fixed second.
      return new SendResult.RetryLater(Duration.ZERO, reason, true);
    }
    if (c == UNSUBSCRIBED) {
      return new SendResult.RecipientGone(reason);
    }
    if (PERMANENT.contains(c)) {
      // Invalid or not on WhatsApp: this message fails; a typo'd number is fixed by hand.
      return new SendResult.Failed(reason);
    }
    if (status == 0 || status >= 500 || status == 401 || status == 403) {
      // Network, Twilio trouble, or credentials being rotated: with backoff, not forever.
      // Refused credentials never send; a network error or a 5xx may come after Twilio took it.
      return new SendResult.RetryLater(
          Duration.ZERO, reason.isBlank() ? "network" : reason, status == 401 || status == 403);
    }
    return new SendResult.Failed(reason);
  }
}
