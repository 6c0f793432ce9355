package org.peerloop.bot.conversation;

/** What became of an inbound message; the channel acknowledges the platform in every case. */
public enum Receipt {
  /** Handled; its effects are durable. */
  PROCESSED,
  /** Seen before (a redelivery); nothing done again. */
  DUPLICATE,
  /** From an unknown sender; answered with the daily onboarding hint. */
  HINTED,
  /** Dropped: an unknown sender already hinted today, or a stopped contact. */
  IGNORED
}
