package org.peerloop.bot.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.peerloop.bot.people.Member;
import org.peerloop.bot.people.Membership;

/**
 * A member as the admin's list shows them: their place in this partnership, the channels they use
 * (names only, never the chat ids behind them) and, before they join, a masked phone or username.
 */
record MemberView(
    String id,
    String name,
    String organisation,
    String role,
    @Schema(allowableValues = {"invited", "active", "paused", "stopped"}) String status,
    @Schema(description = "e.g. [\"telegram\"]") List<String> channels,
    String language,
    String timezone,
    @Schema(description = "the imported phone or username, masked; null once joined")
        String invitedAs,
    @Schema(description = "when they joined (the moment they consented)") Instant joinedAt,
    Instant consentAt,
    Instant createdAt) {

  static MemberView of(Member m, Membership place) {
    return new MemberView(
        m.id(),
        m.name(),
        place.organisation(),
        place.role().slug(),
        m.status().name().toLowerCase(java.util.Locale.ROOT),
        m.contacts().stream()
            .map(c -> c.indexOf(':') > 0 ? c.substring(0, c.indexOf(':')) : c)
            .distinct()
            .sorted()
            .toList(),
        m.language(),
        m.timezone(),
        Handles.mask(m.invitedAs()),
        m.consentAt(),
        m.consentAt(),
        m.createdAt());
  }
}
