package org.peerloop.bot.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peerloop.bot.broadcast.Audience;
import org.peerloop.bot.broadcast.Broadcast;
import org.peerloop.bot.broadcast.Broadcasts;
import org.peerloop.bot.broadcast.Drafted;
import org.peerloop.bot.broadcast.Preview;
import org.peerloop.bot.broadcast.Report;
import org.peerloop.bot.broadcast.SendAt;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.PartnershipStore;
import org.peerloop.bot.people.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Key messages from the operator: a draft answers with its preview (nothing is sent), a confirm
 * sends it once however often it is repeated, a cancel stops what has not gone, and the report
 * shows where every recipient stands.
 */
@RestController
@RequestMapping(
    path = "/api/v1/partnerships/{slug}/broadcasts",
    produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "broadcasts")
@SecurityRequirement(name = OpenApiDocument.BEARER)
class BroadcastsController {

  private final PartnershipStore partnerships;
  private final Broadcasts broadcasts;

  BroadcastsController(PartnershipStore partnerships, Broadcasts broadcasts) {
    this.partnerships = partnerships;
    this.broadcasts = broadcasts;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Draft a broadcast: answers its id and preview; nothing is sent yet")
  ResponseEntity<Map<String, Object>> draft(
      @PathVariable String slug, @RequestBody(required = false) NewBroadcast body) {
    Partnership p = partnership(slug);
    if (body == null) {
      throw AdminProblem.badRequest("the body must be a JSON object with at least \"text\"");
    }
    Role role = null;
    if (body.role() != null && !body.role().isBlank()) {
      role =
          Role.parse(body.role())
              .orElseThrow(
                  () ->
                      AdminProblem.badRequest("\"role\" must be peer, facilitator or focal-point"));
    }
    SendAt sendAt = null;
    if (body.sendAt() != null && !body.sendAt().isBlank()) {
      sendAt =
          SendAt.parse(body.sendAt())
              .orElseThrow(
                  () ->
                      AdminProblem.badRequest(
                          "\"sendAt\" must be an ISO-8601 date-time, e.g. 2026-11-26T09:00 or"
                              + " 2026-11-26T09:00:00+03:00"));
    }
    String org =
        body.organisation() == null || body.organisation().isBlank()
            ? null
            : body.organisation().strip();
    Drafted d =
        broadcasts.draft(
            p, new Audience(org, role), body.text(), body.link(), sendAt, null, p.language());
    if (d instanceof Drafted.Refused r) {
      throw AdminProblem.badRequest(r.english());
    }
    Drafted.Draft draft = (Drafted.Draft) d;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", draft.broadcast().id());
    out.put("state", draft.broadcast().state().value());
    out.put("preview", preview(draft.preview()));
    return ResponseEntity.status(HttpStatus.CREATED).body(out);
  }

  @PostMapping("/{id}/confirm")
  @Operation(summary = "Send the draft (or schedule it); a second confirm changes nothing")
  ResponseEntity<Map<String, Object>> confirm(@PathVariable String slug, @PathVariable String id) {
    Broadcast b = broadcast(slug, id);
    if (broadcasts.confirm(b) == Broadcasts.Confirmed.CANCELLED) {
      throw AdminProblem.conflict("the broadcast was cancelled; it cannot be sent");
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(report(broadcasts.report(id)));
  }

  @PostMapping("/{id}/cancel")
  @Operation(summary = "Cancel: nothing more of it goes out")
  Map<String, Object> cancel(@PathVariable String slug, @PathVariable String id) {
    Broadcast b = broadcast(slug, id);
    if (!broadcasts.cancel(b)) {
      throw AdminProblem.conflict(
          "the broadcast is " + broadcasts.report(id).state() + "; there is nothing to cancel");
    }
    return report(broadcasts.report(id));
  }

  @GetMapping("/{id}")
  @Operation(summary = "Where the broadcast stands: counts by state, channel and organisation")
  Map<String, Object> get(@PathVariable String slug, @PathVariable String id) {
    broadcast(slug, id);
    return report(broadcasts.report(id));
  }

  @GetMapping
  @Operation(summary = "The partnership's latest 50 broadcasts, newest first")
  List<Map<String, Object>> list(@PathVariable String slug) {
    partnership(slug);
    return broadcasts.recent(slug, 50).stream().map(BroadcastsController::report).toList();
  }

  private Partnership partnership(String slug) {
    return partnerships.find(slug).orElseThrow(() -> AdminProblem.noPartnership(slug));
  }

  private Broadcast broadcast(String slug, String id) {
    partnership(slug);
    return broadcasts
        .find(id)
        .filter(b -> b.partnership().equals(slug))
        .orElseThrow(
            () -> AdminProblem.notFound("no broadcast \"" + id + "\" in \"" + slug + "\""));
  }

  static Map<String, Object> preview(Preview p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("text", p.text());
    out.put("recipients", p.recipients());
    out.put("sending", p.sending());
    out.put("channels", p.channels());
    out.put("skipped", p.skipped());
    out.put("group", p.group());
    return out;
  }

  static Map<String, Object> report(Report r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", r.id());
    out.put("partnership", r.partnership());
    out.put("state", r.state());
    out.put("text", r.text());
    out.put("link", r.link());
    out.put("organisation", r.organisation());
    out.put("role", r.role());
    out.put("sendAt", r.sendAt());
    out.put("createdAt", r.createdAt() == null ? null : r.createdAt().toString());
    out.put("confirmedAt", r.confirmedAt() == null ? null : r.confirmedAt().toString());
    out.put("finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString());
    out.put("recipients", r.recipients());
    out.put("progress", r.settled() + " of " + r.recipients() + " settled");
    out.put("counts", r.counts());
    out.put("byChannel", r.byChannel());
    out.put("byOrganisation", r.byOrganisation());
    out.put("reasons", r.reasons());
    out.put("group", r.group());
    return out;
  }
}
