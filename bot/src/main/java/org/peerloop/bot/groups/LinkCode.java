package org.peerloop.bot.groups;

import java.time.Instant;

/** A one-time code a leader sends in a group to link it to {@code partnership}. */
public record LinkCode(String code, String partnership, String memberId, Instant expiresAt) {

  public boolean usableAt(Instant now) {
    return now.isBefore(expiresAt);
  }
}
