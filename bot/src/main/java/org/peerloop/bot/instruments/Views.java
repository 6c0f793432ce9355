package org.peerloop.bot.instruments;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bson.Document;
import org.peerloop.bot.people.Member;
import org.peerloop.bot.people.MemberStatus;
import org.peerloop.bot.people.MemberStore;
import org.peerloop.bot.people.Membership;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.PartnershipStore;
import org.peerloop.bot.texts.BotTexts;
import org.peerloop.content.catalog.Catalog;
import org.peerloop.content.engine.Button;
import org.peerloop.content.flow.FlowLibrary;
import org.peerloop.scheduler.Period;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** What /results, /quiet and /outcomes show, in the reader's language. */
@Component
public class Views {

  /** What one command says: a text and perhaps buttons. */
  public record Said(String text, List<Button> buttons) {}

  /** How long without an answer makes a member quiet. */
  static final Duration QUIET = Duration.ofDays(21);

  /** How far back /results looks for a health period with enough answers. */
  static final int MONTHS_BACK = 3;

  static final Duration RECENT_OUTCOMES = Duration.ofDays(30);
  static final int OUTCOMES_SHOWN = 5;
  static final int OPEN_SHOWN = 10;

  private final Rollups rollups;
  private final OutcomeReports reports;
  private final Activity activity;
  private final MemberStore members;
  private final PartnershipStore partnerships;
  private final BotTexts texts;
  private final Catalog catalog;
  private final int minRespondents;

  Views(
      Rollups rollups,
      OutcomeReports reports,
      Activity activity,
      MemberStore members,
      PartnershipStore partnerships,
      FlowLibrary flows,
      @Value("${peerloop.instruments.min-respondents:3}") int minRespondents) {
    this.rollups = rollups;
    this.reports = reports;
    this.activity = activity;
    this.members = members;
    this.partnerships = partnerships;
    this.catalog = flows.catalog();
    this.texts = new BotTexts(catalog);
    this.minRespondents = Math.max(3, minRespondents); // never below 3: fewer would name people
  }

  int minRespondents() {
    return minRespondents;
  }

  /**
   * The latest health month with at least the minimum of respondents, with the change from the
   * month before where that month had enough too, and changes confirmed in the last 30 days.
   */
  public String results(Partnership p, String lang, Instant now) {
    Period month = Period.of(Period.Kind.MONTH, now, p.zone());
    HealthFigures figures = null;
    for (int i = 0; i <= MONTHS_BACK && figures == null; i++) {
      HealthFigures f = HealthFigures.read(rollups, p, month, minRespondents);
      if (f.total() >= minRespondents) {
        figures = f;
      }
      month = month.previous();
    }
    StringBuilder b = new StringBuilder();
    if (figures == null) {
      b.append(
          t(
              lang,
              "results-none",
              Map.of("partnership", p.name(), "min", String.valueOf(minRespondents))));
    } else {
      HealthFigures before =
          HealthFigures.read(rollups, p, figures.period().previous(), minRespondents);
      boolean compare = before.total() >= minRespondents;
      b.append(
          t(
              lang,
              "results-head",
              Map.of(
                  "partnership", p.name(),
                  "period", PeriodTexts.of(figures.period(), lang, texts),
                  "count", String.valueOf(figures.total()))));
      for (HealthFigures.Row row : figures.rows()) {
        b.append("\n• ")
            .append(dimension(lang, row.dimension()))
            .append(": ")
            .append(decimal(lang, row.average()));
        HealthFigures.Row old = compare ? before.row(row.dimension()) : null;
        if (old != null) {
          double change = row.average() - old.average();
          b.append(" (")
              .append(change >= 0.05 ? "▲ " : change <= -0.05 ? "▼ " : "= ")
              .append(decimal(lang, Math.abs(change)))
              .append(")");
        }
        if (!row.byOrganisation().isEmpty()) {
          List<String> parts = new ArrayList<>();
          row.byOrganisation()
              .forEach(
                  (org, avg) ->
                      parts.add(
                          p.organisation(org).map(o -> o.name()).orElse(org)
                              + " "
                              + decimal(lang, avg)));
          b.append(" – ").append(String.join(", ", parts));
        }
      }
      if (!figures.perOrganisation()) {
        b.append("\n")
            .append(t(lang, "results-org-hidden", Map.of("min", String.valueOf(minRespondents))));
      }
    }
    List<Document> confirmed = reports.substantiatedSince(p.slug(), now.minus(RECENT_OUTCOMES));
    b.append("\n\n");
    if (confirmed.isEmpty()) {
      b.append(t(lang, "results-outcomes-none", Map.of()));
    } else {
      b.append(t(lang, "results-outcomes-head", Map.of()));
      confirmed.stream()
          .limit(OUTCOMES_SHOWN)
          .forEach(d -> b.append("\n• ").append(OutcomeReport.fromDocument(d).summary()));
    }
    return b.toString();
  }

  /** Members of the partnerships {@code m} looks after who have not answered for 3 weeks. */
  public List<String> quiet(Member m, String lang, Instant now) {
    List<String> out = new ArrayList<>();
    for (String slug : Instruments.led(m)) {
      Partnership p = partnerships.find(slug).orElse(null);
      if (p == null) {
        continue;
      }
      List<Member> people =
          members.inPartnership(slug).stream()
              .filter(x -> x.status() == MemberStatus.ACTIVE)
              .toList();
      Map<String, Instant> last = activity.last(people.stream().map(Member::id).toList(), slug);
      Instant cutoff = now.minus(QUIET);
      StringBuilder b = new StringBuilder();
      int count = 0;
      for (Member x : people) {
        Instant answered = last.get(x.id());
        Instant since = answered != null ? answered : x.consentAt();
        if (since == null || !since.isBefore(cutoff)) {
          continue;
        }
        count++;
        Membership place = x.in(slug).orElseThrow();
        Map<String, String> values =
            Map.of(
                "name",
                x.name() == null ? "?" : x.name(),
                "organisation",
                p.organisation(place.organisation()).map(o -> o.name()).orElse(""),
                "date",
                LocalDate.ofInstant(since, p.zone()).toString());
        b.append("\n• ")
            .append(t(lang, answered == null ? "quiet-line-never" : "quiet-line", values));
      }
      out.add(
          count == 0
              ? t(lang, "quiet-none", Map.of("partnership", p.name()))
              : t(lang, "quiet-head", Map.of("partnership", p.name())) + b);
    }
    return out;
  }

  /** Reports waiting for review in the partnerships {@code m} looks after, with buttons. */
  public Said openReports(Member m, String lang) {
    List<String> led = Instruments.led(m);
    List<OutcomeReport> open = led.isEmpty() ? List.of() : reports.open(led);
    if (open.isEmpty()) {
      return new Said(t(lang, "outcomes-none", Map.of()), List.of());
    }
    StringBuilder b =
        new StringBuilder(t(lang, "outcomes-head", Map.of("count", "" + open.size())));
    List<Button> buttons = new ArrayList<>();
    for (OutcomeReport r : open.stream().limit(OPEN_SHOWN).toList()) {
      String org =
          partnerships
              .find(r.partnership())
              .flatMap(p -> p.organisation(r.organisation()))
              .map(o -> o.name())
              .orElse(r.organisation());
      b.append("\n• ")
          .append(
              t(
                  lang,
                  "outcomes-line",
                  Map.of(
                      "code", r.code(),
                      "outcome", r.summary(),
                      "organisation", org,
                      "status", t(lang, "report-status-" + r.status(), Map.of()))));
      buttons.add(new Button(r.code(), "/substantiate " + r.code()));
    }
    b.append("\n\n").append(t(lang, "outcomes-how", Map.of()));
    return new Said(b.toString(), buttons);
  }

  private String dimension(String lang, String slug) {
    return catalog.find(lang, "health." + slug + ".name").orElse(slug);
  }

  private static String decimal(String lang, double value) {
    return String.format(Locale.forLanguageTag(lang), "%.1f", value);
  }

  private String t(String lang, String key, Map<String, String> values) {
    return texts.text(lang, key, values);
  }
}
