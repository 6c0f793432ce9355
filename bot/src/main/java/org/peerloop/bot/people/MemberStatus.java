package org.peerloop.bot.people;

import java.util.EnumSet;
import java.util.Set;

/**
 * A member's lifecycle. Invited members (imported, not yet joined) receive nothing; paused members
 * get no nudges but may still write; stopped members receive nothing at all until they start again.
 */
public enum MemberStatus {
  INVITED,
  ACTIVE,
  PAUSED,
  STOPPED;

  private Set<MemberStatus> next() {
    return switch (this) {
      case INVITED -> EnumSet.of(ACTIVE, STOPPED);
      case ACTIVE -> EnumSet.of(PAUSED, STOPPED);
      case PAUSED -> EnumSet.of(ACTIVE, STOPPED);
      case STOPPED -> EnumSet.of(ACTIVE);
    };
  }

  public boolean canBecome(MemberStatus target) {
    return next().contains(target);
  }

  /** The guarded transition: answers {@code target}, or throws when it is not allowed. */
  public MemberStatus to(MemberStatus target) {
    if (!canBecome(target)) {
      throw new IllegalStateException("a member cannot go from " + this + " to " + target);
    }
    return target;
  }
}
