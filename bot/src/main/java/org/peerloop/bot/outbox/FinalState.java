package org.peerloop.bot.outbox;

import java.util.Locale;

/** Where a message ended, kept in {@code outbox_log}. */
enum FinalState {
  SENT,
  FAILED,
  SKIPPED;

  String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
