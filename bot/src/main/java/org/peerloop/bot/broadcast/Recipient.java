package org.peerloop.bot.broadcast;

import java.time.Instant;

/**
 * Where a broadcast stands for one person ({@code broadcast_recipients}, keyed {@code
 * <broadcast>|<n>}): their channel, organisation and language, and a state that only moves forward
 * ({@code queued → sent → delivered → read}, or {@code failed} / {@code skipped} / {@code
 * unknown}). {@code due} is when a scheduled broadcast goes to them.
 */
record Recipient(
    String id,
    String broadcast,
    int n,
    String member,
    String contact,
    String channel,
    String address,
    String organisation,
    String language,
    Instant due,
    String state,
    String reason) {

  static final String QUEUED = "queued";
  static final String SENT = "sent";
  static final String DELIVERED = "delivered";
  static final String READ = "read";
  static final String FAILED = "failed";
  static final String SKIPPED = "skipped";
  static final String UNKNOWN = "unknown";

  /** Recipient {@code n} of the broadcast: queued, or skipped when the target says why. */
  static Recipient of(String broadcast, int n, Target t, Instant due) {
    return new Recipient(
        id(broadcast, n),
        broadcast,
        n,
        t.member(),
        t.contact(),
        t.channel(),
        t.address(),
        t.organisation(),
        t.language(),
        due,
        t.skip() == null ? QUEUED : SKIPPED,
        t.skip());
  }

  static String id(String broadcast, int n) {
    return broadcast + "|" + n;
  }

  /** True when {@code next} may follow {@code now}: states only move forward. */
  static boolean moves(String now, String next) {
    return switch (now) {
      case QUEUED -> !next.equals(QUEUED);
      // The platform may still say it never arrived (WhatsApp's "undelivered").
      case SENT -> next.equals(DELIVERED) || next.equals(READ) || next.equals(FAILED);
      case DELIVERED -> next.equals(READ);
      default -> false;
    };
  }
}
