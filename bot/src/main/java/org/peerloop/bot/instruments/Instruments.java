package org.peerloop.bot.instruments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.peerloop.bot.people.LadderItem;
import org.peerloop.bot.people.Member;
import org.peerloop.bot.people.MemberStore;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.PartnershipStore;
import org.peerloop.bot.people.Tier;
import org.peerloop.content.engine.Button;
import org.peerloop.content.engine.Context;
import org.peerloop.scheduler.Period;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What the conversation calls when a run ends, and what the instruments add to a flow's context
 * (the ladder items to choose from, the tracked items to rate, the report a run is about).
 */
@Service
public class Instruments {

  /** Tracked ladder items a reflection asks about, at most. */
  static final int TRACKED_ITEMS = 5;

  private static final Logger log = LoggerFactory.getLogger(Instruments.class);

  private final HealthStore health;
  private final Checkins checkins;
  private final Reflections reflections;
  private final OutcomeReports reports;
  private final Activity activity;
  private final Notices notices;
  private final PartnershipStore partnerships;
  private final MemberStore members;
  private final Nudges nudges;

  Instruments(
      HealthStore health,
      Checkins checkins,
      Reflections reflections,
      OutcomeReports reports,
      Activity activity,
      Notices notices,
      PartnershipStore partnerships,
      MemberStore members,
      Nudges nudges) {
    this.nudges = nudges;
    this.health = health;
    this.checkins = checkins;
    this.reflections = reflections;
    this.reports = reports;
    this.activity = activity;
    this.notices = notices;
    this.partnerships = partnerships;
    this.members = members;
  }

  /** Records a nudge that fell due: sent, or missed because it came too late. */
  public void nudged(NudgeFact fact) {
    if (fact.organisation() != null) {
      nudges.due(fact);
    }
  }

  /** Records what a finished run gave, for the instrument it belongs to; replays change nothing. */
  public void ended(RunEnd run) {
    if (run.partnership() == null || run.organisation() == null || run.memberId() == null) {
      return; // consented on a self-enrolling channel, in no partnership: nothing to roll up
    }
    run.nudge().ifPresent(id -> nudges.ended(id, !run.answers().isEmpty()));
    if (!run.answers().isEmpty()) {
      activity.answered(run.memberId(), run.partnership(), run.endedAt());
    }
    switch (run.flowId()) {
      case Cadence.HEALTH -> {
        if (!health.record(run)) {
          log.info("a second health submission for one period was not stored");
        }
      }
      case Cadence.CHECKIN -> checkins.record(run);
      case Cadence.REFLECT -> reflections.record(run, trackedItems(run));
      case Cadence.CHANGE -> {
        if (run.completed()) {
          reported(run);
        }
      }
      case Cadence.SUBSTANTIATE -> {
        if (run.completed()) {
          substantiated(run);
        }
      }
      case Cadence.EVIDENCE -> {
        if (run.completed() && run.answers().get("evidence") != null) {
          evidenceAdded(run);
        }
      }
      default -> {}
    }
  }

  /** True when the member already gave health scores for the period. */
  public boolean healthSubmitted(String memberId, String partnership, String period) {
    return health.submitted(memberId, partnership, period);
  }

  /** Values a flow's texts use beyond the person's: tracked items, the report in question. */
  public Map<String, String> values(
      String flowId, Partnership partnership, String organisation, String subject) {
    Map<String, String> v = new LinkedHashMap<>();
    if (Cadence.REFLECT.equals(flowId) && partnership != null) {
      List<LadderItem> items = tracked(partnership, organisation);
      for (int i = 0; i < items.size(); i++) {
        v.put("item_" + (i + 1), items.get(i).text());
      }
    }
    if (subject != null) {
      reports
          .find(subject)
          .ifPresent(
              r -> {
                v.put("code", r.code());
                v.put("outcome", r.summary());
              });
    }
    return v;
  }

  /** Lists a flow's choices draw on: the partnership's ladder items per tier, for a report. */
  public Map<String, List<Context.Option>> lists(String flowId, Partnership partnership) {
    if (!Cadence.CHANGE.equals(flowId) || partnership == null) {
      return Map.of();
    }
    Map<String, List<Context.Option>> lists = new LinkedHashMap<>();
    for (Tier tier : Tier.values()) {
      List<Context.Option> items =
          partnership.ladder().stream()
              .filter(i -> i.tier() == tier)
              .map(i -> new Context.Option(i.id(), i.text()))
              .toList();
      if (!items.isEmpty()) {
        lists.put("ladder-" + tier.slug(), items);
      }
    }
    return lists;
  }

  public Optional<OutcomeReport> report(String code) {
    return reports.find(code);
  }

  /** Whether {@code m} may review {@code report}: they lead its partnership, or coordinate it. */
  public static boolean mayReview(Member m, OutcomeReport report) {
    return m != null
        && m.in(report.partnership()).map(p -> p.role().leads() || m.coordinator()).orElse(false);
  }

  /** Open reports in the partnerships {@code m} looks after. */
  public List<OutcomeReport> openReports(Member m) {
    List<String> led = led(m);
    return led.isEmpty() ? List.of() : reports.open(led);
  }

  /** Partnerships {@code m} looks after: where they lead, or all theirs for a coordinator. */
  public static List<String> led(Member m) {
    if (m == null) {
      return List.of();
    }
    return m.memberships().stream()
        .filter(p -> p.role().leads() || m.coordinator())
        .map(p -> p.partnership())
        .toList();
  }

  /**
   * A review step other than confirming (which asks for a note in a flow): later, or asking the
   * reporter for evidence, who is sent a button to add it.
   */
  public boolean review(Member by, OutcomeReport report, String status, Instant now) {
    String week = week(report.partnership(), now);
    boolean changed = reports.review(report.code(), status, by.id(), null, now, week);
    if (changed && OutcomeReport.EVIDENCE_ASKED.equals(status)) {
      members
          .find(report.memberId())
          .ifPresent(
              reporter ->
                  notices.send(
                      List.of(reporter),
                      report.code() + "|evidence-asked|" + now.toEpochMilli(),
                      new Notices.Message() {
                        @Override
                        public String text(String lang) {
                          return notices.text(
                              lang,
                              "evidence-request",
                              Map.of(
                                  "name", name(by),
                                  "code", report.code(),
                                  "outcome", report.summary()));
                        }

                        @Override
                        public List<Button> buttons(String lang) {
                          return List.of(
                              new Button(
                                  notices.text(lang, "evidence-add", Map.of()),
                                  "/addevidence " + report.code()));
                        }
                      },
                      now));
    }
    return changed;
  }

  private void reported(RunEnd run) {
    Partnership p = partnerships.find(run.partnership()).orElse(null);
    String item = run.answers().get("item");
    String ladderText =
        p == null || item == null
            ? null
            : p.ladder().stream()
                .filter(i -> i.id().equals(item))
                .map(LadderItem::text)
                .findFirst()
                .orElse(null);
    OutcomeReport report = reports.record(run, ladderText);
    String reporter = members.find(run.memberId()).map(Member::name).orElse("?");
    String org =
        p == null
            ? run.organisation()
            : p.organisation(run.organisation()).map(o -> o.name()).orElse(run.organisation());
    String partnershipName = p == null ? run.partnership() : p.name();
    notices.send(
        notices.leaders(run.partnership(), run.memberId()),
        report.code() + "|new",
        new Notices.Message() {
          @Override
          public String text(String lang) {
            return notices.text(
                lang,
                "report-notice",
                Map.of(
                    "partnership",
                    partnershipName,
                    "name",
                    reporter,
                    "organisation",
                    org,
                    "code",
                    report.code(),
                    "outcome",
                    report.summary(),
                    "tier",
                    notices.text(lang, "tier-" + report.tier(), Map.of())));
          }

          @Override
          public List<Button> buttons(String lang) {
            return List.of(
                new Button(
                    notices.text(lang, "report-substantiate", Map.of()),
                    "/substantiate " + report.code()),
                new Button(
                    notices.text(lang, "report-ask-evidence", Map.of()),
                    "/askevidence " + report.code()),
                new Button(
                    notices.text(lang, "report-later", Map.of()), "/later " + report.code()));
          }
        },
        run.endedAt());
  }

  private void substantiated(RunEnd run) {
    Optional<OutcomeReport> report = reports.find(run.subject());
    if (report.isEmpty()) {
      return;
    }
    OutcomeReport r = report.get();
    String week = week(r.partnership(), run.endedAt());
    boolean changed =
        reports.review(
            r.code(),
            OutcomeReport.SUBSTANTIATED,
            run.memberId(),
            run.answers().get("note"),
            run.endedAt(),
            week);
    if (!changed) {
      return;
    }
    String by = members.find(run.memberId()).map(Member::name).orElse("?");
    members
        .find(r.memberId())
        .ifPresent(
            reporter ->
                notices.send(
                    List.of(reporter),
                    r.code() + "|confirmed",
                    lang ->
                        notices.text(
                            lang, "report-confirmed", Map.of("name", by, "code", r.code())),
                    run.endedAt()));
  }

  private void evidenceAdded(RunEnd run) {
    Optional<OutcomeReport> report = reports.find(run.subject());
    if (report.isEmpty()) {
      return;
    }
    OutcomeReport r = report.get();
    reports.addEvidence(r.code(), Evidence.of(run.answers().get("evidence"), run.endedAt()));
    String by = members.find(run.memberId()).map(Member::name).orElse("?");
    notices.send(
        notices.leaders(r.partnership(), run.memberId()),
        r.code() + "|evidence|" + run.key().hashCode(),
        lang ->
            notices.text(
                lang,
                "evidence-added",
                Map.of("name", by, "code", r.code(), "outcome", r.summary())),
        run.endedAt());
  }

  private static String name(Member m) {
    return m.name() == null ? "?" : m.name();
  }

  private List<Document> trackedItems(RunEnd run) {
    Partnership p = partnerships.find(run.partnership()).orElse(null);
    List<Document> out = new ArrayList<>();
    if (p != null) {
      tracked(p, run.organisation())
          .forEach(i -> out.add(new Document("item", i.id()).append("text", i.text())));
    }
    return out;
  }

  /** Tracked items owned by the organisation (or by every partner), at most five, in order. */
  static List<LadderItem> tracked(Partnership p, String organisation) {
    return p.ladder().stream()
        .filter(LadderItem::tracked)
        .filter(i -> LadderItem.BOTH.equals(i.owner()) || i.owner().equals(organisation))
        .limit(TRACKED_ITEMS)
        .toList();
  }

  private String week(String partnership, Instant at) {
    return partnerships
        .find(partnership)
        .map(p -> Period.of(Period.Kind.WEEK, at, p.zone()).id())
        .orElse(Period.of(Period.Kind.WEEK, at, java.time.ZoneOffset.UTC).id());
  }
}
