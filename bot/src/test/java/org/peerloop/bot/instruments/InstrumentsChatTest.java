package org.peerloop.bot.instruments;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerloop.bot.contact.ContactStore;
import org.peerloop.bot.conversation.ConversationService;
import org.peerloop.bot.outbox.OutboundMessage;
import org.peerloop.bot.people.InviteStore;
import org.peerloop.bot.people.LadderItem;
import org.peerloop.bot.people.Member;
import org.peerloop.bot.people.MemberStore;
import org.peerloop.bot.people.Organisation;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.PartnershipStore;
import org.peerloop.bot.people.Role;
import org.peerloop.bot.people.Tier;
import org.peerloop.bot.testing.ChatPerson;
import org.peerloop.bot.testing.MutableClock;
import org.peerloop.bot.testing.Phone;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The instruments end to end: people join a partnership with codes and answer health, report and
 * reflect flows through the conversation service, the real store (over the wire) and the outbox;
 * then what is stored, who is told, and what /results, /outcomes and /quiet show.
 */
@SpringBootTest(properties = {"peerloop.store.memory=true", "peerloop.scheduler.jobs=false"})
class InstrumentsChatTest {

  static final Instant START = Instant.parse("2026-11-10T07:00:00Z");

  @TestConfiguration
  static class Fakes {
    @Bean
    @Primary
    MutableClock testClock() {
      return new MutableClock(START);
    }

    @Bean
    Phone phone() {
      return new Phone();
    }
  }

  @Autowired ConversationService service;
  @Autowired ContactStore contacts;
  @Autowired MemberStore members;
  @Autowired InviteStore invites;
  @Autowired PartnershipStore partnerships;
  @Autowired MongoTemplate mongo;
  @Autowired MutableClock clock;
  @Autowired Phone phone;
  @Autowired Rollups rollups;
  @Autowired org.peerloop.content.flow.FlowLibrary flows;

  private static final AtomicLong ids = new AtomicLong();
  private String slug;
  private final Map<String, String> codes = new HashMap<>();

  @BeforeEach
  void aPartnershipWithALadder() {
    slug = "i" + ids.incrementAndGet() + "-" + (System.nanoTime() % 100000);
    partnerships.create(
        new Partnership(
            slug,
            "Kisumu and Isiolo",
            "Africa/Nairobi",
            "en",
            List.of(
                new Organisation("kisumu", "Kisumu County"),
                new Organisation("isiolo", "Isiolo County")),
            List.of(),
            null,
            List.of(
                new LadderItem("monthly", Tier.EXPECT, "Teams meet monthly", null, "both", true),
                new LadderItem(
                    "checklist", Tier.LIKE, "Isiolo uses the checklist", null, "isiolo", true),
                new LadderItem("fast", Tier.LIKE, "Approvals take a week", null, "kisumu", true)),
            clock.instant()));
    Instant now = clock.instant();
    for (String org : List.of("kisumu", "isiolo")) {
      codes.put(org, invites.create(slug, org, Role.PEER, 20, null, null, now).code());
    }
    codes.put(
        "facilitator", invites.create(slug, "isiolo", Role.FACILITATOR, 5, null, null, now).code());
  }

  final class Person {
    final ChatPerson chat =
        new ChatPerson(
            service, () -> phone.sent, clock, "phone", 10_000_000 + ids.incrementAndGet());
    final String address = chat.address;
    final String contactId = chat.contactId;

    void say(String text) {
      chat.say(text);
    }

    void tap(String payload) {
      chat.tap(payload);
    }

    List<OutboundMessage> all() {
      return chat.all();
    }

    OutboundMessage await(String text) {
      return chat.await(text);
    }

    Member member() {
      return members.find(contacts.find(contactId).orElseThrow().memberId()).orElseThrow();
    }

    Person join(String who, String name) {
      chat.join(codes.get(who), name);
      return this;
    }

    void health(int... scores) {
      say("/health");
      await("Eleven quick scores");
      for (int s : scores) {
        say(String.valueOf(s));
      }
      await("Why that score?");
      say("We rarely hear back");
      await("better?");
      say("A short weekly call");
      await("comment on one more");
      tap("health.another:done");
      await("Your scores are in");
    }
  }

  private static final int[] FIVES = {5, 6, 7, 5, 6, 4, 6, 7, 8, 5, 6};

  @Test
  void healthScoresAreStoredWithoutThePersonAndOnlyOnceAMonth() {
    Person p = new Person().join("kisumu", "Achieng");
    p.health(FIVES);

    List<Document> stored = new ArrayList<>();
    mongo.getCollection(HealthStore.ANSWERS).find(eq("partnership", slug)).forEach(stored::add);
    assertThat(stored).hasSize(1);
    Document answer = stored.get(0);
    assertThat(answer.keySet())
        .containsExactlyInAnyOrder(
            "_id", "partnership", "organisation", "period", "revision", "scores", "comments");
    assertThat(answer.getString("period")).isEqualTo(month().id());
    assertThat(answer.getString("organisation")).isEqualTo("kisumu");
    assertThat(answer.get("scores", Document.class)).containsEntry("communication-ease", 4);
    assertThat(answer.getList("comments", Document.class))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getString("dimension")).isEqualTo("communication-ease");
              assertThat(c.getString("why")).isEqualTo("We rarely hear back");
              assertThat(c.getString("improve")).isEqualTo("A short weekly call");
            });
    String everything = answer.toJson();
    assertThat(everything).doesNotContain(p.contactId, p.member().id(), "Achieng", p.address);
    // nothing else keeps the answers with the person
    assertThat(
            mongo
                .getCollection("responses")
                .find(eq("contact", p.contactId))
                .comment("scan-ok: a test looks for any response of this contact")
                .first())
        .isNull();
    Document conversation =
        mongo.getCollection("conversations").find(eq("_id", p.contactId)).first();
    assertThat(conversation.get("session")).isNull();
    assertThat(conversation.toJson()).doesNotContain("We rarely hear back");

    p.say("/health");
    p.await("You already gave your scores for " + monthName());
    assertThat(mongo.getCollection(HealthStore.ANSWERS).countDocuments(eq("partnership", slug)))
        .isEqualTo(1);
  }

  @Test
  void resultsShowOrganisationsOnlyOnceEachHasThreeRespondents() {
    List<Person> kisumu = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      kisumu.add(new Person().join("kisumu", "K" + i));
    }
    Person i1 = new Person().join("isiolo", "I1");
    Person i2 = new Person().join("isiolo", "I2");
    i1.say("/results");
    i1.await("No partnership scores to show");

    kisumu.forEach(k -> k.health(8, 8, 8, 8, 8, 2, 8, 8, 8, 8, 8));
    i1.health(FIVES);
    i2.health(FIVES);
    i1.say("/results");
    String partial = i1.await("How Kisumu and Isiolo is doing").text();
    assertThat(partial)
        .contains("5 people answered", "Trust: 6.8", "Scores per organisation show once")
        .doesNotContain("Kisumu County 8.0");

    Person i3 = new Person().join("isiolo", "I3");
    i3.health(FIVES);
    i3.say("/results");
    String full = i3.await("How Kisumu and Isiolo is doing").text();
    assertThat(full)
        .contains("6 people answered", "Trust: 6.5 – Kisumu County 8.0, Isiolo County 5.0")
        .doesNotContain("Scores per organisation show once");
  }

  @Test
  void aReportedChangeReachesTheFacilitatorWhoAsksForEvidenceThenConfirmsIt() {
    Person facilitator = new Person().join("facilitator", "Fatuma");
    Person reporter = new Person().join("kisumu", "Otieno");
    reporter.say("/change");
    reporter.await("record a change");
    reporter.say("The ward office in Kisumu");
    reporter.say("They approve small projects with a one-page checklist");
    reporter.say("Since October, Kisumu town");
    reporter.say("Approvals went from 3 months to 3 weeks");
    reporter.say("We saw Isiolo's checklist on the exchange visit");
    reporter.await("How do we know");
    reporter.say("skip");
    reporter.tap("change.expected:yes");
    reporter.await("Which kind of change");
    reporter.tap("change.tier:like");
    OutboundMessage items = reporter.await("closest to");
    assertThat(items.buttons())
        .extracting(b -> b.label())
        .containsExactly("Isiolo uses the checklist", "Approvals take a week", "Skip");
    reporter.say("2");
    reporter.await("Your report is saved");

    OutboundMessage notice =
        facilitator.await("New change reported in Kisumu and Isiolo by Otieno");
    Document stored =
        mongo.getCollection(OutcomeReports.COLLECTION).find(eq("partnership", slug)).first();
    String code = stored.getString("_id");
    assertThat(stored.getString("tier")).isEqualTo("like");
    assertThat(stored.getString("ladderItem")).isEqualTo("fast");
    assertThat(stored.getString("member")).isEqualTo(reporter.member().id());
    assertThat(notice.text()).contains(code, "The ward office in Kisumu: They approve");
    assertThat(notice.buttons())
        .extracting(b -> b.payload())
        .containsExactly("/substantiate " + code, "/askevidence " + code, "/later " + code);

    reporter.say("/outcomes");
    reporter.await("That is not available to you.");
    reporter.say("/substantiate " + code);
    reporter.await("That is not available to you.");

    facilitator.tap("/askevidence " + code);
    facilitator.await("I have asked for evidence on report " + code);
    OutboundMessage ask = reporter.await("Fatuma would like some evidence");
    reporter.tap(ask.buttons().get(0).payload());
    reporter.await("How do we know it happened?");
    reporter.say("https://example.org/minutes.pdf");
    reporter.await("The evidence is added");
    facilitator.await("Otieno added evidence to report " + code);

    facilitator.say("/outcomes");
    assertThat(facilitator.await("waiting for review (1)").text()).contains(code, "evidence asked");
    facilitator.tap("/substantiate " + code);
    facilitator.await("What did you check");
    facilitator.say("Called the ward administrator, who showed the register");
    facilitator.await("is marked as confirmed");
    reporter.await("Fatuma confirmed the change you reported");

    Document review =
        mongo
            .getCollection(OutcomeReports.COLLECTION)
            .find(eq("_id", code))
            .first()
            .get("review", Document.class);
    assertThat(review.getString("status")).isEqualTo("substantiated");
    assertThat(review.getString("by")).isEqualTo(facilitator.member().id());
    assertThat(review.getString("note"))
        .isEqualTo("Called the ward administrator, who showed the register");
    assertThat(review.getDate("at").toInstant()).isEqualTo(clock.instant());
    assertThat(
            mongo
                .getCollection(OutcomeReports.COLLECTION)
                .find(eq("_id", code))
                .first()
                .getList("evidence", Document.class))
        .extracting(e -> e.getString("kind"))
        .containsExactly("link");

    facilitator.say("/substantiate " + code);
    facilitator.await("is already confirmed");
    facilitator.say("/outcomes");
    facilitator.await("No reported changes are waiting");
    reporter.say("/results");
    reporter.await("Changes confirmed in the last 30 days:\n• The ward office in Kisumu");
  }

  @Test
  void aReflectionAsksAboutTheOrganisationsTrackedItemsAndKeepsTheirProgress() {
    Person p = new Person().join("isiolo", "Amina");
    p.say("/reflect");
    p.await("pause and reflect on quarter 4 of 2026");
    p.say("Approvals are faster");
    p.say("The new county secretary");
    p.say("skip");
    p.say("The register of approvals");
    p.say("Start the visits earlier");
    p.await("the changes Isiolo County tracks");
    p.await("\"Teams meet monthly\"");
    p.tap("reflect.item-1:high");
    p.await("\"Isiolo uses the checklist\"");
    p.say("medium");
    p.await("Your reflection is saved for quarter 4 of 2026");

    Document r = mongo.getCollection(Reflections.COLLECTION).find(eq("partnership", slug)).first();
    assertThat(r.getString("period")).isEqualTo("2026-Q4");
    assertThat(r.getString("organisation")).isEqualTo("isiolo");
    assertThat(r.getList("progress", Document.class))
        .extracting(d -> d.getString("item") + "=" + d.getString("progress"))
        .containsExactly("monthly=high", "checklist=medium");
    assertThat(r.get("answers", Document.class).getString("obstacles")).isNull();
  }

  @Test
  void quietListsMembersWithoutAnAnswerForThreeWeeksToFacilitatorsOnly() {
    Person facilitator = new Person().join("facilitator", "Fatuma");
    Person busy = new Person().join("kisumu", "Busy");
    Person silent = new Person().join("kisumu", "Silent");
    silent.say("/quiet");
    silent.await("That is not available to you.");
    clock.advance(Duration.ofDays(22));
    busy.say("/checkin");
    busy.await("weekly check-in");
    busy.say("7");
    busy.tap("checkin.contact:yes");
    busy.say("skip");
    busy.await("See you next week");

    facilitator.say("/quiet");
    String quiet = facilitator.await("Quiet for 3 weeks or more").text();
    assertThat(quiet)
        .contains("Silent (Kisumu County) – no answer since joining")
        .doesNotContain("Busy");
  }

  @Test
  void rollupsRebuiltFromRawAnswersEqualTheIncrementsEvenAfterAForget() {
    Person a = new Person().join("kisumu", "A");
    Person b = new Person().join("isiolo", "B");
    a.health(FIVES);
    b.health(3, 4, 5, 6, 7, 8, 9, 10, 0, 1, 2);
    a.say("/checkin");
    a.await("weekly check-in");
    a.say("2");
    a.tap("checkin.blocker:time");
    a.tap("checkin.contact:no");
    a.say("skip");
    a.await("See you next week");
    b.say("/change");
    b.await("record a change");
    for (String s : List.of("w", "x", "y", "z", "c")) {
      b.say(s);
    }
    b.say("skip");
    b.tap("change.expected:no");
    b.await("Your report is saved");

    assertThat(normalised(rollups.all())).isEqualTo(normalised(rollups.computeFromRaw()));
    assertThat(
            rollups
                .get("health-respondents|" + slug + "|" + month().id() + "|kisumu")
                .orElseThrow()
                .get("count"))
        .isEqualTo(1L);

    b.say("/forget yes");
    Awaitility.await().until(() -> contacts.find(b.contactId).isEmpty());
    assertThat(normalised(rollups.all())).isEqualTo(normalised(rollups.computeFromRaw()));
    assertThat(
            rollups
                .get("outcomes|" + slug + "|" + week() + "|isiolo|not-anticipated")
                .orElseThrow()
                .get("count"))
        .isEqualTo(0L);
    // health answers were never linked to the person: they stay
    assertThat(
            rollups
                .get("health-respondents|" + slug + "|" + month().id() + "|isiolo")
                .orElseThrow()
                .get("count"))
        .isEqualTo(1L);

    rollups.rebuild();
    assertThat(normalised(rollups.all())).isEqualTo(normalised(rollups.computeFromRaw()));
  }

  private org.peerloop.scheduler.Period month() {
    return org.peerloop.scheduler.Period.of(
        org.peerloop.scheduler.Period.Kind.MONTH,
        clock.instant(),
        java.time.ZoneId.of("Africa/Nairobi"));
  }

  private String monthName() {
    var start = month().start();
    return start
            .getMonth()
            .getDisplayName(java.time.format.TextStyle.FULL_STANDALONE, java.util.Locale.ENGLISH)
        + " "
        + start.getYear();
  }

  /**
   * Every instrument end to end in each language: answers given by buttons and skips (which read
   * the same in any language), the texts checked against the catalogue of that language.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"en", "sw", "fr"})
  void everyInstrumentRunsToTheEndInEachLanguage(String lang) {
    var catalog = flows.catalog();
    Person facilitator = new Person().join("facilitator", "Fatuma");
    facilitator.say("/language " + lang);
    Person p = new Person().join("isiolo", "Zawadi");
    p.say("/language " + lang);

    p.say("/health");
    for (String d : HealthStore.DIMENSIONS) {
      p.tap("health." + d + ":7");
    }
    p.say("skip");
    p.say("skip");
    p.tap("health.another:done");
    p.await(fixed(catalog.text(lang, "health.thanks.prompt")));

    p.say("/reflect");
    for (int i = 0; i < 5; i++) {
      p.say("skip");
    }
    p.tap("reflect.item-1:low");
    p.tap("reflect.item-2:none");
    p.await(fixed(catalog.text(lang, "reflect.thanks.prompt")));

    p.say("/change");
    for (int i = 0; i < 5; i++) {
      p.say("x" + i);
    }
    p.say("skip");
    p.tap("change.expected:yes");
    p.tap("change.tier:expect");
    p.tap("change.item:monthly");
    p.await(fixed(catalog.text(lang, "change.thanks.prompt")));
    facilitator.await(fixed(catalog.text(lang, "bot.report-notice")));

    assertThat(mongo.getCollection(HealthStore.ANSWERS).countDocuments(eq("partnership", slug)))
        .isEqualTo(1);
    Document r = mongo.getCollection(Reflections.COLLECTION).find(eq("partnership", slug)).first();
    assertThat(r.getList("progress", Document.class)).hasSize(2);
    Document o =
        mongo.getCollection(OutcomeReports.COLLECTION).find(eq("partnership", slug)).first();
    assertThat(o.getString("ladderItem")).isEqualTo("monthly");
    assertThat(o.getString("language")).isEqualTo(lang);
  }

  /** The longest part of a text without placeholders: what any filled-in message contains. */
  private static String fixed(String template) {
    String best = "";
    for (String part : template.split("\\{[a-z_0-9]+}")) {
      if (part.length() > best.length()) {
        best = part;
      }
    }
    return best;
  }

  private String week() {
    return org.peerloop.scheduler.Period.of(
            org.peerloop.scheduler.Period.Kind.WEEK,
            clock.instant(),
            java.time.ZoneId.of("Africa/Nairobi"))
        .id();
  }

  /** This partnership's rollups with numbers as longs and zero counters dropped. */
  private Map<String, Map<String, Object>> normalised(Map<String, Document> docs) {
    Map<String, Map<String, Object>> out = new HashMap<>();
    docs.forEach(
        (id, d) -> {
          if (!id.contains("|" + slug + "|")) {
            return;
          }
          Map<String, Object> m = new HashMap<>();
          d.forEach(
              (k, v) -> {
                if (v instanceof Number n) {
                  if (n.longValue() != 0) {
                    m.put(k, n.longValue());
                  }
                } else {
                  m.put(k, v);
                }
              });
          if (m.keySet().stream()
              .anyMatch(
                  k ->
                      !List.of(
                              "_id",
                              "kind",
                              "partnership",
                              "period",
                              "organisation",
                              "dimension",
                              "tier")
                          .contains(k))) {
            out.put(id, m);
          }
        });
    return out;
  }
}
