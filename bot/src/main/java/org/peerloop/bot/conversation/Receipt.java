package org.peerloop.bot.conversation;

/** What became of an inbound message; the channel acknowledges the platform in every case. */
public enum Receipt {
  /** Handled; its effects are durable. */
  PROCESSED,
  /**
   * A button tap on a question that has moved on (an old or tampered button); handled like any
   * message (the person is told), so channels with a tap acknowledgement can say so there too.
   */
  STALE,
  /** Seen before (a redelivery); nothing done again. */
  DUPLICATE,
  /** From an unknown sender; answered with the daily onboarding hint. */
  HINTED,
  /** Dropped: an unknown sender already hinted today, or a stopped contact. */
  IGNORED
}
