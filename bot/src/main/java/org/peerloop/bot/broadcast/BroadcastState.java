package org.peerloop.bot.broadcast;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A broadcast's lifecycle: written and previewed ({@code draft}), confirmed for later ({@code
 * scheduled}), going out ({@code sending}), every recipient settled ({@code done}), or stopped by
 * its author ({@code cancelled}: nothing more goes out).
 */
public enum BroadcastState {
  DRAFT,
  SCHEDULED,
  SENDING,
  DONE,
  CANCELLED;

  private Set<BroadcastState> next() {
    return switch (this) {
      case DRAFT -> EnumSet.of(SCHEDULED, SENDING, CANCELLED);
      case SCHEDULED -> EnumSet.of(SENDING, CANCELLED);
      case SENDING -> EnumSet.of(DONE, CANCELLED);
      case DONE, CANCELLED -> EnumSet.noneOf(BroadcastState.class);
    };
  }

  public boolean canBecome(BroadcastState target) {
    return next().contains(target);
  }

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  static BroadcastState of(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
