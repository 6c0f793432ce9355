package org.peerloop.bot.instruments;

import java.time.Instant;

/**
 * A nudge that fell due for a member: sent (a run started) or too late to send (missed). {@code id}
 * is the due work's id, so a replay records nothing twice.
 */
public record NudgeFact(
    String id,
    String memberId,
    String partnership,
    String organisation,
    String flow,
    String period,
    boolean sent,
    Instant at) {}
