package org.peerloop.bot.outbox;

/** Interactive replies go before bulk sends (broadcasts, summaries) waiting in the same queue. */
public enum Priority {
  INTERACTIVE,
  BULK
}
