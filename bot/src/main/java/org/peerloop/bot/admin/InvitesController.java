package org.peerloop.bot.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import org.peerloop.bot.people.Invite;
import org.peerloop.bot.people.InviteStore;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.PartnershipStore;
import org.peerloop.bot.store.Durability;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Invite codes a facilitator shares with a group: whoever joins with one becomes a member. */
@RestController
@RequestMapping(
    path = "/api/v1/partnerships/{slug}/invites",
    produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "invites")
@SecurityRequirement(name = OpenApiDocument.BEARER)
class InvitesController {

  private final PartnershipStore partnerships;
  private final InviteStore invites;
  private final Links links;
  private final Durability durability;
  private final Clock clock;

  InvitesController(
      PartnershipStore partnerships,
      InviteStore invites,
      Links links,
      Durability durability,
      Clock clock) {
    this.partnerships = partnerships;
    this.invites = invites;
    this.links = links;
    this.durability = durability;
    this.clock = clock;
  }

  @PostMapping
  @Operation(
      summary =
          "Create an invite code for an organisation and role (maxUses default 50, no expiry"
              + " unless expiresAt)")
  @ApiResponse(responseCode = "201", description = "created", useReturnTypeSchema = true)
  ResponseEntity<InviteView> create(@PathVariable String slug, @RequestBody NewInvite body) {
    Partnership p = partnerships.find(slug).orElseThrow(() -> AdminProblem.noPartnership(slug));
    Instant now = clock.instant();
    InviteRules.Checked c = InviteRules.check(body, p, now);
    Invite invite =
        invites.create(p.slug(), c.organisation(), c.role(), c.maxUses(), c.expiresAt(), null, now);
    durability.awaitDurable();
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(InviteView.of(invite, links.telegram(invite.code())));
  }
}
