package org.peerloop.bot.conversation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.peerloop.bot.broadcast.BroadcastChat;
import org.peerloop.bot.contact.ContactStore;
import org.peerloop.bot.groups.GroupLinks;
import org.peerloop.bot.groups.LinkCode;
import org.peerloop.bot.instruments.Cadence;
import org.peerloop.bot.instruments.Instruments;
import org.peerloop.bot.instruments.OutcomeReport;
import org.peerloop.bot.instruments.PeriodTexts;
import org.peerloop.bot.instruments.Views;
import org.peerloop.bot.people.Invite;
import org.peerloop.bot.people.InviteLinks;
import org.peerloop.bot.people.InviteStore;
import org.peerloop.bot.people.Member;
import org.peerloop.bot.people.MemberStatus;
import org.peerloop.bot.people.MemberStore;
import org.peerloop.bot.people.Membership;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.Role;
import org.peerloop.bot.people.Zones;
import org.peerloop.bot.schedule.Facilitation;
import org.peerloop.bot.texts.BotTexts;
import org.peerloop.content.engine.Button;
import org.peerloop.scheduler.Period;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The slash commands of a person who has joined (or consented on a self-enrolling channel). Each
 * command says who may use it; anyone else is told it is not available, and nothing about it is
 * revealed. Writes here are idempotent settings (a replayed command sets the same value again).
 */
@Component
class Commands {

  /**
   * Starts a flow in the turn being decided, about {@code partnership} (may be null) and, for a run
   * about one report, {@code subject} (its code; else null).
   */
  interface Starter {
    void start(String flowId, String partnership, String subject);
  }

  static final int INVITE_USES = 50;
  static final Duration INVITE_LIFETIME = Duration.ofDays(14);
  static final Set<String> LANGUAGES = Set.of("en", "sw", "fr");

  private final ContactStore contacts;
  private final MemberStore members;
  private final InviteStore invites;
  private final Persons persons;
  private final Instruments instruments;
  private final Views views;
  private final Facilitation facilitation;
  private final GroupLinks groups;
  private final ObjectProvider<InviteLinks> links;
  private final BroadcastChat broadcasts;
  private BotTexts texts;

  Commands(
      ContactStore contacts,
      MemberStore members,
      InviteStore invites,
      Persons persons,
      Instruments instruments,
      Views views,
      Facilitation facilitation,
      GroupLinks groups,
      ObjectProvider<InviteLinks> links,
      BroadcastChat broadcasts) {
    this.broadcasts = broadcasts;
    this.facilitation = facilitation;
    this.groups = groups;
    this.links = links;
    this.contacts = contacts;
    this.members = members;
    this.invites = invites;
    this.persons = persons;
    this.instruments = instruments;
    this.views = views;
  }

  void texts(BotTexts texts) {
    this.texts = texts;
  }

  void run(Command c, Person p, Outcome o, Instant now, Starter starter) {
    String lang = p.language();
    Member m = p.member();
    switch (c.name()) {
      case "help", "start" -> o.say(help(p));
      case "checkin" -> checkin(c, p, o, starter);
      case "health" -> health(c, p, o, now, starter);
      case "change", "reflect" ->
          about(c, p, o, "/" + c.name() + " ")
              .ifPresent(slug -> starter.start(c.name(), slug, null));
      case "results" ->
          about(c, p, o, "/results ")
              .flatMap(persons::partnership)
              .ifPresent(x -> o.say(views.results(x, lang, now)));
      case "outcomes" -> {
        if (m == null || !m.leads()) {
          o.say(t(lang, "not-available"));
        } else {
          Views.Said said = views.openReports(m, lang);
          o.say(said.text(), said.buttons());
        }
      }
      case "quiet" -> {
        if (m == null || !m.leads()) {
          o.say(t(lang, "not-available"));
        } else {
          views.quiet(m, lang, now).forEach(o::say);
        }
      }
      case "substantiate", "askevidence", "later" -> review(c, p, o, now, starter);
      case "addevidence" -> addEvidence(c, p, o, starter);
      case "partnership" -> {
        if (m == null) {
          o.say(t(lang, "no-partnership"));
        } else if (!c.argument().isBlank() && m.in(slug(c)).isPresent()) {
          members.update(m.id(), x -> x.withDefaultPartnership(slug(c)));
          o.say(t(lang, "default-set", Map.of("partnership", name(slug(c)))));
        } else {
          o.say(t(lang, "pick-partnership"), pick(m, "/partnership "));
        }
      }
      case "pause" -> pause(c, p, o, now);
      case "resume" -> {
        status(p, o, MemberStatus.ACTIVE, "resumed", "not-paused");
        if (m != null) {
          facilitation.replan(m.id());
        }
      }
      case "schedule" -> schedule(c, p, o, now);
      case "nudge" -> nudge(c, p, o, now);
      case "stop" -> {
        o.say(t(lang, "stopped"));
        o.lastWord = true;
        o.stop = true;
      }
      case "language" -> language(c, p, o);
      case "timezone" -> timezone(c, p, o, now);
      case "mydata" -> o.export = true;
      case "forget" -> forget(c, p, o);
      case "members" -> {
        if (m == null || !m.leads()) {
          o.say(t(lang, "not-available"));
        } else {
          roster(m, lang, o);
        }
      }
      case "invite" -> invite(c, p, o, now);
      case "link" -> link(c, p, o, now);
      case "broadcast" -> {
        BroadcastChat.Step step = broadcasts.command(m, lang, c.argument());
        if (step instanceof BroadcastChat.Step.Write w) {
          starter.start(BroadcastChat.FLOW, w.partnership(), w.subject());
        } else {
          ((BroadcastChat.Step.Say) step).said().forEach(s -> o.say(s.text(), s.buttons()));
        }
      }
      case "broadcasts" ->
          broadcasts.list(m, lang, c.argument()).forEach(s -> o.say(s.text(), s.buttons()));
      default -> o.say(t(lang, "unknown-command"));
    }
  }

  private String help(Person p) {
    String lang = p.language();
    StringBuilder b = new StringBuilder(t(lang, "help"));
    Member m = p.member();
    if (m != null && m.memberships().size() > 1) {
      b.append('\n').append(t(lang, "help-partnership"));
    }
    if (m != null && m.leads()) {
      b.append("\n\n").append(t(lang, "help-lead"));
    }
    return b.toString();
  }

  private void checkin(Command c, Person p, Outcome o, Starter starter) {
    Member m = p.member();
    if (m == null) {
      starter.start(ConversationService.CHECKIN_FLOW, null, null); // consented, no partnership
      return;
    }
    Optional<String> about =
        c.argument().isBlank()
            ? m.currentPartnership()
            : Optional.of(slug(c)).filter(s -> m.in(s).isPresent());
    if (about.isEmpty()) {
      o.say(t(p.language(), "pick-partnership"), pick(m, "/checkin "));
      return;
    }
    starter.start(ConversationService.CHECKIN_FLOW, about.get(), null);
  }

  /**
   * The partnership a command is about: the one named, else the current one; when the person has
   * several and named none, they are asked to pick (buttons that repeat {@code command}).
   */
  private Optional<String> about(Command c, Person p, Outcome o, String command) {
    Member m = p.member();
    if (m == null || m.memberships().isEmpty()) {
      o.say(t(p.language(), "no-partnership"));
      return Optional.empty();
    }
    Optional<String> about =
        c.argument().isBlank()
            ? m.currentPartnership()
            : Optional.of(slug(c)).filter(s -> m.in(s).isPresent());
    if (about.isEmpty()) {
      o.say(t(p.language(), "pick-partnership"), pick(m, command));
    }
    return about;
  }

  /** Health scores are given once a month per partnership: a second time is told so, kindly. */
  private void health(Command c, Person p, Outcome o, Instant now, Starter starter) {
    Optional<Partnership> about = about(c, p, o, "/health ").flatMap(persons::partnership);
    if (about.isEmpty()) {
      return;
    }
    Period month = Period.of(Cadence.periodOf(Cadence.HEALTH), now, about.get().zone());
    if (instruments.healthSubmitted(p.member().id(), about.get().slug(), month.id())) {
      o.say(
          t(
              p.language(),
              "health-done",
              Map.of(
                  "period", PeriodTexts.of(month, p.language(), texts),
                  "next", PeriodTexts.of(month.next(), p.language(), texts))));
      return;
    }
    starter.start(Cadence.HEALTH, about.get().slug(), null);
  }

  /** A facilitator's step on a reported change: confirm (with a note), ask evidence, later. */
  private void review(Command c, Person p, Outcome o, Instant now, Starter starter) {
    String lang = p.language();
    Member m = p.member();
    Optional<OutcomeReport> report = instruments.report(c.argument().strip());
    if (m == null || !m.leads()) {
      o.say(t(lang, "not-available"));
      return;
    }
    if (report.isEmpty() || !Instruments.mayReview(m, report.get())) {
      o.say(t(lang, "report-unknown"));
      return;
    }
    OutcomeReport r = report.get();
    Map<String, String> code = Map.of("code", r.code());
    if (r.reviewed()) {
      o.say(t(lang, "report-already-confirmed", code));
      return;
    }
    switch (c.name()) {
      case "substantiate" -> starter.start(Cadence.SUBSTANTIATE, r.partnership(), r.code());
      case "askevidence" -> {
        instruments.review(m, r, OutcomeReport.EVIDENCE_ASKED, now);
        o.say(t(lang, "report-evidence-asked", code));
      }
      default -> {
        instruments.review(m, r, OutcomeReport.LATER, now);
        o.say(t(lang, "report-later-set", code));
      }
    }
  }

  /** The reporter adds evidence to their own report (after a facilitator asked, or anytime). */
  private void addEvidence(Command c, Person p, Outcome o, Starter starter) {
    String lang = p.language();
    Member m = p.member();
    Optional<OutcomeReport> report = instruments.report(c.argument().strip());
    if (report.isEmpty() || m == null) {
      o.say(t(lang, "report-unknown"));
    } else if (!m.id().equals(report.get().memberId())) {
      o.say(t(lang, "evidence-not-yours"));
    } else {
      starter.start(Cadence.EVIDENCE, report.get().partnership(), report.get().code());
    }
  }

  private List<Button> pick(Member m, String command) {
    List<Button> buttons = new ArrayList<>();
    for (String slug : m.partnerships()) {
      buttons.add(new Button(name(slug), command + slug));
    }
    return buttons;
  }

  private void status(Person p, Outcome o, MemberStatus target, String done, String already) {
    String lang = p.language();
    Member m = p.member();
    if (m == null) {
      o.say(t(lang, "no-partnership"));
    } else if (m.status().canBecome(target)) {
      members.update(m.id(), x -> x.status().canBecome(target) ? x.withStatus(target) : x);
      o.say(t(lang, done));
    } else {
      o.say(t(lang, already));
    }
  }

  private void language(Command c, Person p, Outcome o) {
    String chosen = c.argument().strip().toLowerCase(Locale.ROOT);
    if (!LANGUAGES.contains(chosen)) {
      o.say(
          t(p.language(), "language-pick"),
          List.of(
              new Button("English", "/language en"),
              new Button("Kiswahili", "/language sw"),
              new Button("Français", "/language fr")));
      return;
    }
    contacts.language(p.contact().id(), chosen);
    if (p.member() != null) {
      members.update(p.member().id(), x -> x.withLanguage(chosen));
    }
    o.say(t(chosen, "language-set"));
  }

  private void timezone(Command c, Person p, Outcome o, Instant now) {
    String lang = p.language();
    Member m = p.member();
    if (m == null) {
      o.say(t(lang, "no-partnership"));
      return;
    }
    if (c.argument().isBlank()) {
      o.say(t(lang, "timezone-show", zoneValues(m.timezone(), now)));
      return;
    }
    Optional<String> zone = Zones.parse(c.argument());
    if (zone.isEmpty()) {
      o.say(t(lang, "timezone-unknown"));
      return;
    }
    members.update(m.id(), x -> x.withTimezone(zone.get()));
    facilitation.replan(m.id());
    o.say(t(lang, "timezone-set", zoneValues(zone.get(), now)));
  }

  private void pause(Command c, Person p, Outcome o, Instant now) {
    String lang = p.language();
    Member m = p.member();
    if (m == null) {
      o.say(t(lang, "no-partnership"));
      return;
    }
    ZoneId zone = ownZone(m, persons.about(p, null).orElse(null));
    Facilitation.Pause result = facilitation.pause(m, c.argument(), zone, now);
    if (result instanceof Facilitation.Pause.Refused r) {
      o.say(t(lang, r.reason(), Map.of("date", c.argument().strip())));
    } else if (((Facilitation.Pause.Paused) result).until() == null) {
      o.say(t(lang, "paused"));
    } else {
      Instant until = ((Facilitation.Pause.Paused) result).until();
      o.say(t(lang, "paused-until", Map.of("date", Facilitation.when(until, zone, lang))));
    }
  }

  /** The member's own zone, else their partnership schedule's (as nudges use). */
  private ZoneId ownZone(Member m, Partnership about) {
    if (Zones.exists(m.timezone())) {
      return ZoneId.of(m.timezone());
    }
    return about == null ? java.time.ZoneOffset.UTC : facilitation.schedule(about).zone();
  }

  /** A peer sees their own next nudges; a facilitator the partnership's cadences and reach. */
  private void schedule(Command c, Person p, Outcome o, Instant now) {
    String lang = p.language();
    Member m = p.member();
    Optional<Partnership> about = about(c, p, o, "/schedule ").flatMap(persons::partnership);
    if (m == null || about.isEmpty()) {
      return;
    }
    Partnership x = about.get();
    boolean leads =
        m.coordinator() || m.in(x.slug()).map(place -> place.role().leads()).orElse(false);
    List<Facilitation.Next> next = facilitation.upcoming(x, leads ? null : m, now);
    StringBuilder out = new StringBuilder();
    if (leads) {
      org.peerloop.scheduler.Schedule s = facilitation.schedule(x);
      out.append(
          t(
              lang,
              "schedule-lead-head",
              Map.of(
                  "partnership", x.name(),
                  "quiet", s.quiet().toString(),
                  "timezone", s.zone().getId())));
      String count = String.valueOf(facilitation.reach(x));
      for (Facilitation.Next n : next) {
        out.append('\n')
            .append(
                t(
                    lang,
                    "schedule-lead-line",
                    Map.of(
                        "flow", t(lang, "flow-" + n.flow()),
                        "rule", n.rule(),
                        "when", Facilitation.when(n.at(), s.zone(), lang),
                        "count", count)));
      }
      o.say(out.toString());
      return;
    }
    ZoneId zone = ownZone(m, x);
    if (next.isEmpty()) {
      o.say(t(lang, "schedule-none", Map.of("partnership", x.name())));
      return;
    }
    out.append(t(lang, "schedule-head", Map.of("partnership", x.name(), "timezone", zone.getId())));
    for (Facilitation.Next n : next) {
      out.append('\n')
          .append(
              t(
                  lang,
                  "schedule-line",
                  Map.of(
                      "flow", t(lang, "flow-" + n.flow()),
                      "when", Facilitation.when(n.at(), zone, lang))));
    }
    if (m.status() == MemberStatus.PAUSED) {
      Optional<Instant> until = facilitation.pausedUntil(m.id());
      out.append("\n\n")
          .append(
              until.isPresent()
                  ? t(
                      lang,
                      "schedule-paused-until",
                      Map.of("date", Facilitation.when(until.get(), zone, lang)))
                  : t(lang, "schedule-paused"));
    }
    o.say(out.toString());
  }

  /** {@code /nudge FLOW [organisation]}: a facilitator sends a flow now. */
  private void nudge(Command c, Person p, Outcome o, Instant now) {
    String lang = p.language();
    Member m = p.member();
    if (m == null || !m.leads()) {
      o.say(t(lang, "not-available"));
      return;
    }
    String[] words = c.argument().strip().toLowerCase(java.util.Locale.ROOT).split("\\s+");
    Optional<String> slug = m.currentPartnership();
    Optional<Partnership> x = slug.flatMap(persons::partnership);
    if (x.isEmpty()) {
      o.say(t(lang, "pick-partnership"), pick(m, "/partnership "));
      return;
    }
    Partnership partnership = x.get();
    String example =
        partnership.organisations().isEmpty() ? "org" : partnership.organisations().get(0).slug();
    if (words.length == 0
        || Cadence.schedulable(words[0]).isEmpty()
        || words.length > 2
        || !(m.coordinator()
            || m.in(partnership.slug()).map(pl -> pl.role().leads()).orElse(false))) {
      o.say(t(lang, "nudge-usage", Map.of("example", example)));
      return;
    }
    Facilitation.Audience audience = Facilitation.Audience.EVERYONE;
    if (words.length == 2) {
      if (partnership.organisation(words[1]).isEmpty()) {
        o.say(nobody(lang, partnership));
        return;
      }
      audience = new Facilitation.Audience(words[1], null);
    }
    int n = facilitation.now(partnership, words[0], audience, now);
    if (n == 0) {
      o.say(nobody(lang, partnership));
      return;
    }
    o.say(
        t(
            lang,
            "nudge-sent",
            Map.of(
                "flow", t(lang, "flow-" + words[0]),
                "count", String.valueOf(n),
                "partnership", partnership.name())));
  }

  private static Map<String, String> zoneValues(String zone, Instant now) {
    String z = Zones.exists(zone) ? zone : "UTC";
    String local =
        java.time.format.DateTimeFormatter.ofPattern("HH:mm")
            .format(now.atZone(java.time.ZoneId.of(z)));
    return Map.of("timezone", z, "localtime", local);
  }

  private void forget(Command c, Person p, Outcome o) {
    String lang = p.language();
    String answer = c.argument().strip().toLowerCase(Locale.ROOT);
    if (answer.equals("yes")) {
      o.forget = true;
    } else if (answer.equals("no")) {
      o.say(t(lang, "forget-kept"));
    } else {
      o.say(
          t(lang, "forget-confirm"),
          List.of(
              new Button(t(lang, "forget-yes"), "/forget yes"),
              new Button(t(lang, "forget-no"), "/forget no")));
    }
  }

  /** Who is in the partnerships this person looks after (coordinators: every one they are in). */
  private void roster(Member m, String lang, Outcome o) {
    for (Membership place : m.memberships()) {
      if (!place.role().leads() && !m.coordinator()) {
        continue;
      }
      Optional<Partnership> partnership = persons.partnership(place.partnership());
      if (partnership.isEmpty()) {
        continue;
      }
      List<Member> people = members.inPartnership(place.partnership());
      StringBuilder b =
          new StringBuilder(
              t(
                  lang,
                  "members-head",
                  Map.of(
                      "partnership", partnership.get().name(),
                      "count", String.valueOf(people.size()))));
      for (Member x : people) {
        Membership xp = x.in(place.partnership()).orElseThrow();
        b.append("\n• ")
            .append(x.name() == null ? "?" : x.name())
            .append(" (")
            .append(
                partnership
                    .get()
                    .organisation(xp.organisation())
                    .map(org -> org.name())
                    .orElse(xp.organisation()))
            .append(", ")
            .append(t(lang, "role-" + xp.role().slug()))
            .append(") – ")
            .append(t(lang, "status-" + x.status().name().toLowerCase(Locale.ROOT)));
      }
      o.say(b.toString());
    }
  }

  /**
   * A facilitator (or focal point) makes a code for peers of one organisation of their partnership.
   */
  private void invite(Command c, Person p, Outcome o, Instant now) {
    String lang = p.language();
    Member m = p.member();
    Optional<Membership> place =
        m == null
            ? Optional.empty()
            : m.currentPartnership().flatMap(m::in).filter(x -> x.role().leads());
    if (place.isEmpty()) {
      o.say(
          t(lang, m != null && m.leads() ? "pick-partnership" : "not-available"),
          m != null && m.leads() ? pick(m, "/partnership ") : List.of());
      return;
    }
    Partnership partnership = persons.partnership(place.get().partnership()).orElse(null);
    if (partnership == null) {
      o.say(t(lang, "not-available"));
      return;
    }
    String wanted = slug(c);
    Optional<org.peerloop.bot.people.Organisation> org =
        partnership.organisations().stream()
            .filter(x -> x.slug().equals(wanted) || x.name().equalsIgnoreCase(c.argument().strip()))
            .findFirst();
    if (org.isEmpty()) {
      List<Button> buttons = new ArrayList<>();
      partnership
          .organisations()
          .forEach(x -> buttons.add(new Button(x.name(), "/invite " + x.slug())));
      o.say(
          t(
              lang,
              "invite-usage",
              Map.of(
                  "organisations",
                  String.join(
                      ", ", partnership.organisations().stream().map(x -> x.slug()).toList()))),
          buttons);
      return;
    }
    Invite invite =
        invites.create(
            partnership.slug(),
            org.get().slug(),
            Role.PEER,
            INVITE_USES,
            now.plus(INVITE_LIFETIME),
            null,
            now);
    o.say(
        t(
            lang,
            "invite-created",
            Map.of(
                "organisation", org.get().name(),
                "role", t(lang, "role-peer"),
                "code", invite.code(),
                "uses", String.valueOf(INVITE_USES),
                "days", String.valueOf(INVITE_LIFETIME.toDays()))));
  }

  /**
   * {@code /link [partnership]}: a one-time code with which a leader links a group chat to a
   * partnership they lead, by sending {@code /link CODE} in that group (or by opening the link that
   * adds the bot to a group and sends it).
   */
  private void link(Command c, Person p, Outcome o, Instant now) {
    String lang = p.language();
    Member m = p.member();
    if (m == null || !m.leads()) {
      o.say(t(lang, "not-available"));
      return;
    }
    Optional<String> about =
        c.argument().isBlank()
            ? m.currentPartnership()
            : Optional.of(slug(c)).filter(s -> m.in(s).isPresent());
    Optional<Partnership> x =
        about
            .filter(s -> m.coordinator() || m.in(s).map(pl -> pl.role().leads()).orElse(false))
            .flatMap(persons::partnership);
    if (x.isEmpty()) {
      List<Button> buttons = new ArrayList<>();
      m.memberships().stream()
          .filter(pl -> m.coordinator() || pl.role().leads())
          .forEach(
              pl -> buttons.add(new Button(name(pl.partnership()), "/link " + pl.partnership())));
      o.say(t(lang, buttons.isEmpty() ? "not-available" : "pick-partnership"), buttons);
      return;
    }
    Partnership partnership = x.get();
    LinkCode code = groups.newCode(partnership.slug(), m.id(), now);
    Map<String, String> values =
        Map.of(
            "partnership", partnership.name(),
            "code", code.code(),
            "minutes", String.valueOf(GroupLinks.CODE_LIFETIME.toMinutes()));
    StringBuilder b = new StringBuilder(t(lang, "group-link-code", values));
    InviteLinks l = links.getIfAvailable();
    Optional<String> oneTap = l == null ? Optional.empty() : l.telegramGroup(code.code());
    oneTap.ifPresent(
        url -> b.append("\n\n").append(t(lang, "group-link-tap", Map.of("link", url))));
    if (groups.of(partnership.slug()).isPresent()) {
      b.append("\n\n").append(t(lang, "group-link-replaces"));
    }
    o.say(b.toString());
  }

  /** Nobody to nudge: the organisations' short names, to check the one typed. */
  private String nobody(String lang, Partnership partnership) {
    List<String> slugs = partnership.organisations().stream().map(org -> org.slug()).toList();
    return t(lang, "nudge-nobody", Map.of("organisations", String.join(", ", slugs)));
  }

  private String name(String slug) {
    return persons.partnership(slug).map(Partnership::name).orElse(slug);
  }

  private static String slug(Command c) {
    return c.argument().strip().toLowerCase(Locale.ROOT);
  }

  private String t(String lang, String key) {
    return texts.text(lang, key);
  }

  private String t(String lang, String key, Map<String, String> values) {
    return texts.text(lang, key, values);
  }
}
