package org.peerloop.bot.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.peerloop.bot.groups.GroupLink;
import org.peerloop.bot.groups.GroupLinks;
import org.peerloop.bot.people.PartnershipStore;
import org.peerloop.bot.store.Durability;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A partnership's linked group. Linking happens in the chat ({@code /link}), where Telegram proves
 * who the leader is; the operator can see the link and end it.
 */
@RestController
@RequestMapping(
    path = "/api/v1/partnerships/{slug}/group",
    produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "groups")
@SecurityRequirement(name = OpenApiDocument.BEARER)
class GroupController {

  private final PartnershipStore partnerships;
  private final GroupLinks links;
  private final Durability durability;

  GroupController(PartnershipStore partnerships, GroupLinks links, Durability durability) {
    this.partnerships = partnerships;
    this.links = links;
    this.durability = durability;
  }

  @GetMapping
  @Operation(summary = "The group chat linked to the partnership (404 when none)")
  Map<String, Object> get(@PathVariable String slug) {
    known(slug);
    GroupLink link =
        links
            .of(slug)
            .orElseThrow(() -> AdminProblem.notFound("no group linked to \"" + slug + "\""));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("partnership", link.partnership());
    out.put("channel", link.channel());
    out.put("chat", link.address());
    out.put("linkedBy", link.linkedBy());
    out.put("linkedAt", link.linkedAt().toString());
    return out;
  }

  @DeleteMapping
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Unlink the group: nothing more is posted there")
  void delete(@PathVariable String slug) {
    known(slug);
    if (!links.unlink(slug)) {
      throw AdminProblem.notFound("no group linked to \"" + slug + "\"");
    }
    durability.awaitDurable();
  }

  private void known(String slug) {
    if (partnerships.find(slug).isEmpty()) {
      throw AdminProblem.noPartnership(slug);
    }
  }
}
