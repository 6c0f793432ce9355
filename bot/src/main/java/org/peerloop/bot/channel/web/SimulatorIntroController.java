package org.peerloop.bot.channel.web;

import java.util.HashMap;
import java.util.Map;
import org.peerloop.bot.demo.DemoCodes;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/sim}: what the page offers before anyone picks a name. Today the demo's codes,
 * {@code {"demo": {"partnership", "name", "codes": [{"code", "role", "text"}]}}}, or {@code
 * {"demo": null}} when the demo is off.
 */
@RestController
@ConditionalOnProperty(name = "peerloop.simulator", havingValue = "true", matchIfMissing = true)
class SimulatorIntroController {

  private final DemoCodes demo;

  SimulatorIntroController(DemoCodes demo) {
    this.demo = demo;
  }

  @GetMapping(path = "/api/v1/sim", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> intro() {
    Map<String, Object> out = new HashMap<>();
    out.put(
        "demo",
        demo.current()
            .map(
                d ->
                    Map.of(
                        "partnership",
                        d.partnership(),
                        "name",
                        d.name(),
                        "codes",
                        d.codes().stream()
                            .map(
                                c ->
                                    Map.of(
                                        "code",
                                        c.code(),
                                        "role",
                                        c.role(),
                                        "text",
                                        "join " + c.code()))
                            .toList()))
            .orElse(null));
    return out;
  }
}
