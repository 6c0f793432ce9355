package org.peerloop.bot.admin;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.Role;

/** What makes an invite request valid, as a pure function. */
final class InviteRules {

  /**
   * An invite is usually shared with a group at a meeting, so by default it admits 50 people; a
   * personal code (from an import) admits one.
   */
  static final int DEFAULT_MAX_USES = 50;

  static final int MAX_USES = 10_000;

  private InviteRules() {}

  record Checked(String organisation, Role role, int maxUses, Instant expiresAt) {}

  static Checked check(NewInvite body, Partnership p, Instant now) {
    if (body == null) {
      throw AdminProblem.badRequest("the body must be a JSON object");
    }
    List<String> problems = new ArrayList<>();
    List<String> slugs = p.organisations().stream().map(o -> o.slug()).toList();
    String org = body.organisation() == null ? null : body.organisation().strip();
    if (org == null || org.isEmpty()) {
      problems.add("organisation is missing (one of " + String.join(", ", slugs) + ")");
    } else if (p.organisation(org).isEmpty()) {
      problems.add(
          "organisation \""
              + org
              + "\" is not in this partnership (one of "
              + String.join(", ", slugs)
              + ")");
    }
    Role role = Role.PEER;
    if (body.role() != null) {
      role = Role.parse(body.role()).orElse(null);
      if (role == null) {
        problems.add("role \"" + body.role() + "\" must be peer, facilitator or focal-point");
      }
    }
    int maxUses = body.maxUses() == null ? DEFAULT_MAX_USES : body.maxUses();
    if (maxUses < 1 || maxUses > MAX_USES) {
      problems.add("maxUses must be between 1 and " + MAX_USES);
    }
    Instant expires = null;
    if (body.expiresAt() != null && !body.expiresAt().isBlank()) {
      try {
        expires = OffsetDateTime.parse(body.expiresAt().strip()).toInstant();
        if (!expires.isAfter(now)) {
          problems.add("expiresAt " + body.expiresAt() + " is not in the future");
        }
      } catch (DateTimeParseException e) {
        problems.add(
            "expiresAt \""
                + body.expiresAt()
                + "\" is not an ISO-8601 date and time with an offset, e.g."
                + " 2030-01-31T18:00:00Z");
      }
    }
    if (!problems.isEmpty()) {
      throw AdminProblem.badRequest(problems);
    }
    return new Checked(org, role, maxUses, expires);
  }
}
