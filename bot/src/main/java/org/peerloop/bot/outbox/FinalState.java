package org.peerloop.bot.outbox;

/** Where a message ended, kept in {@code outbox_log}. */
enum FinalState {
  SENT,
  FAILED,
  SKIPPED;

  String value() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
