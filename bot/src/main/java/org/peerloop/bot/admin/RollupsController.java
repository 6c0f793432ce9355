package org.peerloop.bot.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.peerloop.bot.instruments.Rollups;
import org.peerloop.bot.store.Durability;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Recomputes the rollups from the raw answers (after a fix, or a crash mid-record). */
@RestController
@RequestMapping(path = "/api/v1/admin/rollups", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "admin")
@SecurityRequirement(name = OpenApiDocument.BEARER)
class RollupsController {

  private final Rollups rollups;
  private final Durability durability;

  RollupsController(Rollups rollups, Durability durability) {
    this.rollups = rollups;
    this.durability = durability;
  }

  @PostMapping("/rebuild")
  @Operation(
      summary =
          "Rebuild every rollup from raw health answers, check-ins, reflections and reports;"
              + " answers the number of rollup documents")
  Map<String, Integer> rebuild() {
    int count = rollups.rebuild();
    durability.awaitDurable();
    return Map.of("rollups", count);
  }
}
