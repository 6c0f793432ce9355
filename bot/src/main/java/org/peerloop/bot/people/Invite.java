package org.peerloop.bot.people;

import java.time.Instant;

/**
 * An invite code: whoever joins with it becomes a member of {@code organisation} in {@code
 * partnership} with {@code role}. A personal code (from an import) names the member it is for and
 * is good once.
 */
public record Invite(
    String code,
    String partnership,
    String organisation,
    Role role,
    int maxUses,
    int uses,
    Instant expiresAt,
    String memberId,
    Instant createdAt) {

  public boolean usableAt(Instant now) {
    return uses < maxUses && (expiresAt == null || now.isBefore(expiresAt));
  }
}
