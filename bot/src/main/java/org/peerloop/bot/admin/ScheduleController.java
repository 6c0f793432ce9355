package org.peerloop.bot.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peerloop.bot.people.Member;
import org.peerloop.bot.people.MemberStore;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.PartnershipStore;
import org.peerloop.bot.schedule.Facilitation;
import org.peerloop.bot.store.Durability;
import org.peerloop.scheduler.Schedule;
import org.peerloop.scheduler.ScheduleException;
import org.peerloop.scheduler.ScheduleSpec;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A partnership's schedule, its next nudges, and nudges sent now. */
@RestController
@RequestMapping(path = "/api/v1/partnerships/{slug}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "schedule")
@SecurityRequirement(name = OpenApiDocument.BEARER)
class ScheduleController {

  private final PartnershipStore partnerships;
  private final MemberStore members;
  private final Facilitation facilitation;
  private final Durability durability;
  private final Clock clock;

  ScheduleController(
      PartnershipStore partnerships,
      MemberStore members,
      Facilitation facilitation,
      Durability durability,
      Clock clock) {
    this.partnerships = partnerships;
    this.members = members;
    this.facilitation = facilitation;
    this.durability = durability;
    this.clock = clock;
  }

  @GetMapping("/schedule")
  @Operation(summary = "The schedule (cadences, quiet hours, zone) and each cadence's next nudge")
  Map<String, Object> get(@PathVariable String slug) {
    Partnership p = partnership(slug);
    return view(p, facilitation.schedule(p));
  }

  @PutMapping(path = "/schedule", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary =
          "Replace the schedule: {timezone?, quietHours?: {from, to}, cadences: [{flow, every"
              + " (week | N weeks | month | quarter), day, time, from?} | {flow, cron}]}")
  Map<String, Object> put(@PathVariable String slug, @RequestBody Map<String, Object> body) {
    Partnership p = partnership(slug);
    Schedule s;
    try {
      s = facilitation.replace(p, body, clock);
    } catch (ScheduleException e) {
      throw AdminProblem.badRequest(e.getMessage());
    }
    durability.awaitDurable();
    return view(p, s);
  }

  @PostMapping(path = "/nudges", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(
      summary =
          "Send a flow now to the partnership, one organisation or one member: {flow,"
              + " organisation?, member?}; answers how many nudges were queued")
  Map<String, Object> now(@PathVariable String slug, @RequestBody Map<String, Object> body) {
    Partnership p = partnership(slug);
    Object flow = body.get("flow");
    if (!(flow instanceof String f)
        || !org.peerloop.bot.instruments.Cadence.SCHEDULED.contains(f)) {
      throw AdminProblem.badRequest(
          "flow must be one of " + org.peerloop.bot.instruments.Cadence.SCHEDULED);
    }
    String organisation = text(body.get("organisation"), "organisation");
    String member = text(body.get("member"), "member");
    if (organisation != null && member != null) {
      throw AdminProblem.badRequest("send organisation or member, not both");
    }
    if (organisation != null && p.organisation(organisation).isEmpty()) {
      throw AdminProblem.badRequest("no organisation \"" + organisation + "\" in " + slug);
    }
    if (member != null && members.find(member).flatMap((Member m) -> m.in(slug)).isEmpty()) {
      throw AdminProblem.badRequest("no member \"" + member + "\" in " + slug);
    }
    int queued =
        facilitation.now(p, f, new Facilitation.Audience(organisation, member), clock.instant());
    durability.awaitDurable();
    return Map.of("flow", f, "queued", queued);
  }

  private static String text(Object o, String field) {
    if (o == null) {
      return null;
    }
    if (!(o instanceof String s) || s.isBlank()) {
      throw AdminProblem.badRequest(field + " must be a non-empty string");
    }
    return s.strip();
  }

  private Partnership partnership(String slug) {
    return partnerships
        .find(slug)
        .orElseThrow(() -> AdminProblem.notFound("no partnership \"" + slug + "\""));
  }

  private Map<String, Object> view(Partnership p, Schedule s) {
    Map<String, Object> out = new LinkedHashMap<>(ScheduleSpec.write(s));
    Instant now = clock.instant();
    List<Map<String, Object>> next = new ArrayList<>();
    for (Facilitation.Next n : facilitation.upcoming(p, null, now)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("flow", n.flow());
      m.put("occurrence", n.occurrence().toString());
      m.put("at", n.at().toString());
      next.add(m);
    }
    out.put("next", next);
    out.put("members", facilitation.reach(p));
    return out;
  }
}
