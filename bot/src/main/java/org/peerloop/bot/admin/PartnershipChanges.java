package org.peerloop.bot.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The body of {@code PATCH /api/v1/partnerships/{slug}}: a field left out (or null) stays as it is.
 * {@code organisations} is the whole new list: new slugs are added, known slugs renamed, and a
 * missing one removed (refused while members or usable invites belong to it).
 */
record PartnershipChanges(
    String name,
    String timezone,
    String language,
    @Schema(description = "the whole list; see the operation") List<OrganisationBody> organisations,
    List<String> objectives,
    @Schema(description = "an empty string clears it") String outcomeChallenge) {

  boolean isEmpty() {
    return name == null
        && timezone == null
        && language == null
        && organisations == null
        && objectives == null
        && outcomeChallenge == null;
  }
}
