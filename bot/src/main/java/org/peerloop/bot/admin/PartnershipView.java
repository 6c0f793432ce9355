package org.peerloop.bot.admin;

import java.time.Instant;
import java.util.List;
import org.peerloop.bot.people.Partnership;

/** A partnership as the admin API answers it (tiers as their lower-case slugs). */
record PartnershipView(
    String slug,
    String name,
    String timezone,
    String language,
    List<OrganisationBody> organisations,
    List<String> objectives,
    String outcomeChallenge,
    List<LadderItemBody> ladder,
    Instant createdAt) {

  static PartnershipView of(Partnership p) {
    return new PartnershipView(
        p.slug(),
        p.name(),
        p.timezone(),
        p.language(),
        p.organisations().stream().map(o -> new OrganisationBody(o.slug(), o.name())).toList(),
        p.objectives(),
        p.outcomeChallenge(),
        p.ladder().stream()
            .map(
                i ->
                    new LadderItemBody(
                        i.id(),
                        i.tier().slug(),
                        i.text(),
                        i.stakeholders(),
                        i.owner(),
                        i.tracked()))
            .toList(),
        p.createdAt());
  }
}
