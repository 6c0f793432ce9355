package org.peerloop.bot.outbox;

import java.util.Locale;

/** Where a message ended, kept in {@code outbox_log}. */
public enum FinalState {
  SENT,
  FAILED,
  SKIPPED,
  /** An at-most-once send was under way when the app stopped: it may or may not have arrived. */
  UNKNOWN;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
