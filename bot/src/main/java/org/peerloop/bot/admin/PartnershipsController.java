package org.peerloop.bot.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.peerloop.bot.people.InviteStore;
import org.peerloop.bot.people.LadderItem;
import org.peerloop.bot.people.MemberStore;
import org.peerloop.bot.people.Membership;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.PartnershipStore;
import org.peerloop.bot.store.Durability;
import org.peerloop.content.flow.FlowLibrary;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Partnerships: create, read, change, and set the outcome ladder. */
@RestController
@RequestMapping(path = "/api/v1/partnerships", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "partnerships")
@SecurityRequirement(name = OpenApiDocument.BEARER)
class PartnershipsController {

  private final PartnershipStore partnerships;
  private final MemberStore members;
  private final InviteStore invites;
  private final PartnershipRules rules;
  private final PartnershipLocks locks;
  private final Durability durability;
  private final JsonMapper json;
  private final Clock clock;

  PartnershipsController(
      PartnershipStore partnerships,
      MemberStore members,
      InviteStore invites,
      FlowLibrary flows,
      PartnershipLocks locks,
      Durability durability,
      JsonMapper json,
      Clock clock) {
    this.partnerships = partnerships;
    this.members = members;
    this.invites = invites;
    this.rules = new PartnershipRules(flows.catalog().languages());
    this.locks = locks;
    this.durability = durability;
    this.json = json;
    this.clock = clock;
  }

  @PostMapping
  @Operation(summary = "Create a partnership")
  @ApiResponse(responseCode = "201", description = "created", useReturnTypeSchema = true)
  @ApiResponse(
      responseCode = "409",
      description = "the slug is taken",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  ResponseEntity<PartnershipView> create(@RequestBody NewPartnership body) {
    Partnership p = rules.create(body, clock.instant());
    if (!partnerships.create(p)) {
      throw AdminProblem.conflict("a partnership \"" + p.slug() + "\" already exists");
    }
    durability.awaitDurable();
    return ResponseEntity.created(URI.create("/api/v1/partnerships/" + p.slug()))
        .body(PartnershipView.of(p));
  }

  @GetMapping("/{slug}")
  @Operation(summary = "Read a partnership")
  PartnershipView get(@PathVariable String slug) {
    return PartnershipView.of(find(slug));
  }

  @PatchMapping("/{slug}")
  @Operation(
      summary =
          "Change name, timezone, language, organisations, objectives or outcomeChallenge (409"
              + " when a removed organisation still has members or usable invites, or owns a"
              + " ladder item)")
  @ApiResponse(responseCode = "200", description = "changed", useReturnTypeSchema = true)
  @ApiResponse(
      responseCode = "409",
      description = "a removed organisation is still in use",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  PartnershipView change(@PathVariable String slug, @RequestBody PartnershipChanges body) {
    return locks.with(
        slug,
        () -> {
          Partnership current = find(slug);
          Set<String> removed = new HashSet<>();
          Partnership next = rules.change(current, body, removed);
          if (!removed.isEmpty()) {
            refuseRemovingUsed(current, removed);
          }
          partnerships.replace(next);
          durability.awaitDurable();
          return PartnershipView.of(next);
        });
  }

  @PutMapping("/{slug}/ladder")
  @Operation(summary = "Replace the outcome ladder with these items (a JSON array)")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              array = @ArraySchema(schema = @Schema(implementation = LadderItemBody.class))))
  PartnershipView ladder(@PathVariable String slug, @RequestBody JsonNode body) {
    List<LadderItemBody> items = items(body);
    return locks.with(
        slug,
        () -> {
          Partnership current = find(slug);
          List<LadderItem> ladder = rules.ladder(items, current.organisations());
          Partnership next = current.withLadder(ladder);
          partnerships.replace(next);
          durability.awaitDurable();
          return PartnershipView.of(next);
        });
  }

  /** The items: the body is their array (or, leniently, {@code {"items": [...]}}). */
  private List<LadderItemBody> items(JsonNode body) {
    JsonNode array = body;
    if (body != null && body.isObject() && body.has("items")) {
      array = body.get("items");
    }
    if (array == null || !array.isArray()) {
      throw AdminProblem.badRequest("the body must be a JSON array of ladder items");
    }
    List<LadderItemBody> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      if (!item.isObject()) {
        throw AdminProblem.badRequest("items[" + i + "] must be an object");
      }
      try {
        out.add(json.treeToValue(item, LadderItemBody.class));
      } catch (JacksonException e) {
        throw AdminProblem.badRequest("items[" + i + "] has a field of the wrong type");
      }
    }
    return out;
  }

  private void refuseRemovingUsed(Partnership p, Set<String> removed) {
    for (LadderItem item : p.ladder()) {
      if (removed.contains(item.owner())) {
        throw AdminProblem.conflict(
            "organisation \""
                + item.owner()
                + "\" owns ladder item \""
                + item.id()
                + "\"; change the ladder first");
      }
    }
    long inUse =
        members.inPartnership(p.slug()).stream()
            .flatMap(m -> m.in(p.slug()).stream())
            .map(Membership::organisation)
            .filter(removed::contains)
            .count();
    if (inUse > 0) {
      throw AdminProblem.conflict(
          "cannot remove " + String.join(", ", removed) + ": " + inUse + " member(s) belong to it");
    }
    boolean invited =
        invites.forPartnership(p.slug()).stream()
            .anyMatch(i -> removed.contains(i.organisation()) && i.usableAt(clock.instant()));
    if (invited) {
      throw AdminProblem.conflict(
          "cannot remove "
              + String.join(", ", removed)
              + ": an invite code for it can still be used");
    }
  }

  private Partnership find(String slug) {
    return partnerships.find(slug).orElseThrow(() -> AdminProblem.noPartnership(slug));
  }
}
