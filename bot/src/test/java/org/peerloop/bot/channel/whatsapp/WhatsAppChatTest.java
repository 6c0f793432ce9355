package org.peerloop.bot.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerloop.bot.conversation.ConversationService;
import org.peerloop.bot.instruments.Cadence;
import org.peerloop.bot.outbox.Attachment;
import org.peerloop.bot.outbox.Attachments;
import org.peerloop.bot.outbox.OutboundMessage;
import org.peerloop.bot.outbox.Priority;
import org.peerloop.bot.outbox.Recipient;
import org.peerloop.bot.outbox.SendResult;
import org.peerloop.bot.people.InviteStore;
import org.peerloop.bot.people.Organisation;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.PartnershipStore;
import org.peerloop.bot.people.Role;
import org.peerloop.bot.testing.MutableClock;
import org.peerloop.content.engine.Button;
import org.peerloop.scheduler.Period;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * WhatsApp end to end: signed webhooks into the app over HTTP, the app's sends into the fake Twilio
 * REST API through the real SDK. A person joins and completes the check-in; a nudge outside the
 * 24-hour window goes as a template and the answer resumes the flow; STOP stops everything; CANCEL
 * only leaves the flow; status callbacks move messages along; files are fetched and capped.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "peerloop.store.memory=true",
      "peerloop.scheduler.jobs=false",
      "peerloop.outbox.retry-base=50ms",
      "peerloop.outbox.channels.whatsapp.per-second=200",
      "peerloop.outbox.channels.whatsapp.per-chat-per-second=50",
      "peerloop.twilio.account-sid=" + WhatsAppChatTest.SID,
      "peerloop.twilio.auth-token=" + WhatsAppChatTest.TOKEN,
      "peerloop.twilio.from=whatsapp:+14155238886",
      "peerloop.whatsapp.quick-reply.2=" + WhatsAppChatTest.HXQUICK2_SID,
      "peerloop.whatsapp.quick-reply.3=" + WhatsAppChatTest.HXQUICK3_SID,
      "peerloop.whatsapp.templates.checkin.en=" + WhatsAppChatTest.HXCHECKIN_SID,
      "peerloop.whatsapp.templates.generic.en=" + WhatsAppChatTest.HXGENERIC_SID,
      "peerloop.whatsapp.media-max-bytes=5000",
      "peerloop.whatsapp.media-per-second=100",
    })
class WhatsAppChatTest {

  static final String SID = "AC11111111111111111111111111111111";
  static final String HXQUICK2_SID = "HX22222222222222222222222222222222";
  static final String HXQUICK3_SID = "HX33333333333333333333333333333333";
  static final String HXCHECKIN_SID = "HXcccccccccccccccccccccccccccccccc";
  static final String HXGENERIC_SID = "HX00000000000000000000000000000000";
  static final String TOKEN = "twilio-test-auth-token";
  static final Instant START = Instant.parse("2026-11-23T07:00:00Z");
  static final FakeTwilioApi FAKE = start();
  private static final AtomicLong NUMBERS = new AtomicLong(254_700_000_000L);
  private static final AtomicLong SIDS = new AtomicLong(1);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TestConfiguration
  static class Clocks {
    @Bean
    @Primary
    MutableClock testClock() {
      return new MutableClock(START);
    }
  }

  @LocalServerPort int port;
  @Autowired MongoTemplate mongo;
  @Autowired PartnershipStore partnerships;
  @Autowired InviteStore invites;
  @Autowired ConversationService conversations;
  @Autowired MutableClock clock;
  @Autowired TwilioSender sender;
  @Autowired Sessions sessions;
  @Autowired Attachments attachments;
  @Autowired org.peerloop.bot.contact.ContactStore contacts;

  static FakeTwilioApi start() {
    try {
      return FakeTwilioApi.start(SID, TOKEN);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void twilio(DynamicPropertyRegistry r) {
    r.add("peerloop.twilio.api-url", FAKE::url);
    // Twilio signs the URL it called: ours, as the operator configured it.
    r.add("peerloop.public-url", () -> "https://bot.example.org");
  }

  @AfterEach
  void clear() {
    FAKE.clearFailures();
  }

  @AfterAll
  static void close() {
    FAKE.close();
  }

  // ---------------------------------------------------------------- the tests

  @Test
  void aPersonJoinsAndCompletesTheCheckinOverWhatsApp() throws Exception {
    Phone p = joined();
    String checkin = p.send("/checkin");
    p.await("how far");
    p.send("7"); // a 0–10 scale is typed, never numbered
    p.await("talk with");
    p.choose("Yes"); // two choices: quick-reply buttons
    p.await("What changed");
    p.send("The county adopted the shared budget template.");
    p.await("See you next week");

    Document response =
        mongo
            .getCollection("responses")
            .find(new Document("_id", p.contactId() + "|checkin@whatsapp:" + checkin))
            .first();
    assertThat(response).isNotNull();
    assertThat(response.getString("status")).isEqualTo("completed");
    assertThat(response.getList("answers", List.class))
        .containsExactly(
            List.of("progress", "7"),
            List.of("contact", "yes"),
            List.of("change", "The county adopted the shared budget template."));
    assertThat(p.duplicates()).isZero();
  }

  @Test
  void aForgedOrIncompleteWebhookIsRefusedAndNothingIsStored() throws Exception {
    String from = "whatsapp:+" + NUMBERS.incrementAndGet();
    Map<String, List<String>> form = form(from, "join ABCD2345");
    HttpResponse<String> forged = post(TwilioWebhookController.PATH, form, "bm90LWEtc2lnbmF0dXJl");
    assertThat(forged.statusCode()).isEqualTo(403);
    HttpResponse<String> unsigned = post(TwilioWebhookController.PATH, form, null);
    assertThat(unsigned.statusCode()).isEqualTo(403);
    // Signed for another URL (a replay against another deployment).
    String elsewhere =
        TwilioSigner.sign(TOKEN, "https://evil.example.org" + TwilioWebhookController.PATH, form);
    assertThat(post(TwilioWebhookController.PATH, form, elsewhere).statusCode()).isEqualTo(403);
    assertThat(mongo.getCollection("contacts").find(new Document("_id", from)).first()).isNull();

    Map<String, List<String>> noFrom = form(from, "hi");
    noFrom.remove("From");
    assertThat(signedPost(TwilioWebhookController.PATH, noFrom).statusCode()).isEqualTo(400);

    Map<String, List<String>> empty = form(from, "");
    HttpResponse<String> ignored = signedPost(TwilioWebhookController.PATH, empty);
    assertThat(ignored.statusCode()).isEqualTo(200);
    assertThat(ignored.body()).contains("<Response>");
    assertThat(mongo.getCollection("contacts").find(new Document("_id", from)).first()).isNull();
  }

  @Test
  void aStrangerGetsTheHintAsFreeText() throws Exception {
    Phone p = new Phone();
    p.send("STOP"); // not even a stop word leaves a trace
    assertThat(
            mongo
                .getCollection("whatsapp_sessions")
                .find(new Document("_id", p.contactId()))
                .first())
        .isNull();
    p.send("hello?");
    assertThat(p.await("invite code").contentSid()).isNull();
    // Nothing of theirs is kept by the channel either.
    Thread.sleep(200);
    assertThat(
            mongo
                .getCollection("whatsapp_sessions")
                .find(new Document("_id", p.contactId()))
                .first())
        .isNull();
  }

  @Test
  void aLateOutsideTheWindowInACallbackSendsTheMessageAgainBehindATemplate() throws Exception {
    Phone p = joined();
    p.send("/help");
    FakeTwilioApi.Created help = p.await("/checkin");
    assertThat(callback(help.sid(), "failed", "63016")).isEqualTo(200);
    p.awaitTemplate(HXGENERIC_SID);
    p.send("ok");
    p.await("/checkin"); // the help again, now that the window is open
  }

  @Test
  void aClosingNoticeOutsideTheWindowIsNotWorthATemplate() throws Exception {
    String number = "+" + NUMBERS.incrementAndGet();
    String contactId = "whatsapp:" + number;
    contacts.create("whatsapp", number, "en", clock.instant());
    OutboundMessage m =
        new OutboundMessage(
            "closing-" + number,
            new Recipient(contactId, "whatsapp", number),
            "These questions have closed. We will be in touch next time.",
            List.of(),
            Priority.INTERACTIVE,
            "wake:" + clock.instant().toEpochMilli(),
            clock.instant());
    assertThat(sender.send(m)).isInstanceOf(SendResult.Failed.class);
    assertThat(FAKE.createdTo(contactId)).isEmpty();
  }

  @Test
  void aNudgeOutsideTheWindowGoesAsATemplateAndTheAnswerResumesTheFlow() throws Exception {
    Phone p = joined();
    clock.advance(Duration.ofHours(30)); // the window closed
    String cause = nudge(p);
    FakeTwilioApi.Created opener = p.awaitTemplate(HXCHECKIN_SID);
    assertThat(opener.body()).isNull();
    // The question itself waits for the answer.
    Thread.sleep(300);
    assertThat(p.messagesContaining("how far")).isZero();

    p.send("ok");
    p.await("how far");
    assertThat(sessions.find(p.contactId()).held()).isEmpty();
    p.send("8");
    p.await("talk with");
    p.choose("No");
    p.await("What changed");
    p.send("We met the county treasurer.");
    p.await("See you next week");
    // "ok" only opened the window: it answered nothing.
    Document response =
        mongo
            .getCollection("responses")
            .find(new Document("_id", p.contactId() + "|checkin@start:" + cause))
            .first();
    assertThat(response.getList("answers", List.class))
        .containsExactly(
            List.of("progress", "8"),
            List.of("contact", "no"),
            List.of("change", "We met the county treasurer."));
  }

  @Test
  void cancelAsTheAnswerToATemplateStillLeavesTheFlow() throws Exception {
    Phone p = joined();
    clock.advance(Duration.ofHours(30));
    nudge(p);
    p.awaitTemplate(HXCHECKIN_SID);
    p.send("CANCEL");
    p.await("send STOP");
    p.send("7");
    Thread.sleep(300);
    assertThat(p.messagesContaining("talk with")).as("the check-in was left").isZero();
  }

  @Test
  void aFreeTextRefusedAsOutsideTheWindowFallsBackToTheTemplate() throws Exception {
    Phone p = joined();
    // Twilio refuses the free text (templates still go): the next create only.
    FAKE.failNext(
        1,
        400,
        63016,
        "Failed to send freeform message because you are outside the allowed window.");
    nudge(p);
    p.awaitTemplate(HXCHECKIN_SID);
    FAKE.clearFailures();
    p.send("yes");
    p.await("how far");
  }

  @Test
  void stopStopsEverythingAtOnceAndStartTurnsItBackOn() throws Exception {
    Phone p = joined();
    p.send("STOP");
    p.await("any more messages");
    assertThat(status(p, "STOPPED")).isEqualTo("STOPPED");
    int before = FAKE.createdTo(p.to()).size();
    nudge(p);
    p.send("hello");
    p.send("7");
    Thread.sleep(400);
    // One reminder of how to start again, nothing else.
    assertThat(FAKE.createdTo(p.to()).size()).isLessThanOrEqualTo(before + 1);

    p.send("Start");
    p.await("Welcome back");
    assertThat(status(p, "ACTIVE")).isEqualTo("ACTIVE");
  }

  @Test
  void stopInAnotherLanguageStopsToo() throws Exception {
    Phone p = joined();
    p.send("Sitisha");
    p.await("any more messages");
    assertThat(status(p, "STOPPED")).isEqualTo("STOPPED");
  }

  @Test
  void cancelOnlyLeavesTheFlowAndSaysHowToStopEverything() throws Exception {
    Phone p = joined();
    p.send("/checkin");
    p.await("how far");
    p.send("CANCEL");
    p.await("send STOP");
    assertThat(status(p, "ACTIVE")).isEqualTo("ACTIVE");
    p.send("/checkin");
    p.await("how far");
  }

  @Test
  void statusCallbacksMoveAMessageAlongAndNeverBack() throws Exception {
    Phone p = joined();
    FakeTwilioApi.Created sent = FAKE.createdTo(p.to()).get(FAKE.createdTo(p.to()).size() - 1);
    assertThat(sent.statusCallback())
        .isEqualTo("https://bot.example.org" + TwilioStatusController.PATH);
    assertThat(callback(sent.sid(), "sent", null)).isEqualTo(200);
    assertThat(callback(sent.sid(), "read", null)).isEqualTo(200);
    assertThat(callback(sent.sid(), "delivered", null)).isEqualTo(200); // late: ignored
    Document d =
        mongo.getCollection("whatsapp_messages").find(new Document("_id", sent.sid())).first();
    assertThat(d.getString("status")).isEqualTo("read");
    assertThat(d.get("outbound")).as("its text is not kept once read").isNull();

    assertThat(callback("SMunknown0000000000000000000000000", "delivered", null)).isEqualTo(200);
    assertThat(
            mongo
                .getCollection("whatsapp_messages")
                .find(new Document("_id", "SMunknown0000000000000000000000000"))
                .first())
        .isNull();

    Map<String, List<String>> forged = new LinkedHashMap<>();
    forged.put("MessageSid", List.of(sent.sid()));
    forged.put("MessageStatus", List.of("failed"));
    assertThat(post(TwilioStatusController.PATH, forged, "forged").statusCode()).isEqualTo(403);
  }

  @Test
  void anUnsubscribedErrorInACallbackStopsThePerson() throws Exception {
    Phone p = joined();
    FakeTwilioApi.Created sent = FAKE.createdTo(p.to()).get(FAKE.createdTo(p.to()).size() - 1);
    // The fake has it before the app has recorded the SID Twilio answered: a callback sooner than
    // that names a message the app does not know yet (and is ignored, as it should be).
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                mongo
                        .getCollection(Statuses.COLLECTION)
                        .find(new Document("_id", sent.sid()))
                        .first()
                    != null);
    callback(sent.sid(), "failed", "21610");
    assertThat(status(p, "STOPPED")).isEqualTo("STOPPED");
  }

  @Test
  void rateLimitsAreWaitedOutAndAnInvalidRecipientFailsOnce() throws Exception {
    Phone p = joined();
    FAKE.failNext(3, 429, 20429, "Too Many Requests");
    p.send("/help");
    p.await("/checkin");
    assertThat(p.duplicates()).isZero();

    FAKE.failTo(p.to(), 400, 63024, "Invalid message recipient");
    int calls = FAKE.calls().size();
    p.send("/help");
    Thread.sleep(800);
    // Tried once, not again and again.
    long attempts =
        FAKE.calls().stream().skip(calls).filter(c -> c.path().endsWith("Messages.json")).count();
    assertThat(attempts).isEqualTo(1);
  }

  @Test
  void aVoiceNoteIsFetchedIntoOurStorageAndAnOddFileGetsAPoliteWord() throws Exception {
    Phone p = joined();
    String sid = "MM" + SIDS.incrementAndGet();
    String url = FAKE.media(sid, new byte[] {1, 2, 3, 4}, "audio/ogg");
    p.sendMedia(sid, "", url, "audio/ogg");
    Document kept = awaitDocument("whatsapp_media", "twilio-media:" + sid + "/0");
    assertThat(kept.getString("outcome")).isEqualTo("kept");

    String big = "MM" + SIDS.incrementAndGet();
    p.sendMedia(big, "", FAKE.media(big, new byte[6000], "image/jpeg"), "image/jpeg");
    p.await("too big");
    assertThat(awaitDocument("whatsapp_media", "twilio-media:" + big + "/0").getString("outcome"))
        .isEqualTo("too large");

    String odd = "MM" + SIDS.incrementAndGet();
    p.sendMedia(
        odd, "my notes", FAKE.media(odd, new byte[10], "application/zip"), "application/zip");
    p.await("not this kind of file");
  }

  // ---------------------------------------------------------------- outbound, as a table

  /** One request the fake must have received: its body, or its content and variables. */
  record Expected(String body, String contentSid, Map<String, String> variables) {
    static Expected body(String body) {
      return new Expected(body, null, Map.of());
    }

    static Expected content(String sid, Map<String, String> variables) {
      return new Expected(null, sid, variables);
    }
  }

  static Stream<Arguments> outbound() {
    String long1 = "word ".repeat(300).strip(); // 1,499 characters
    String long2 = "more ".repeat(100).strip();
    List<Button> yesNo = List.of(new Button("Yes", "q.a:yes"), new Button("No", "q.a:no"));
    List<Button> four =
        List.of(
            new Button("Budget", "q.t:1"),
            new Button("Staffing", "q.t:2"),
            new Button("Data", "q.t:3"),
            new Button("Other", "q.t:4"));
    List<Button> scale = new java.util.ArrayList<>();
    for (int i = 0; i <= 10; i++) {
      scale.add(new Button(String.valueOf(i), "q.r:" + i));
    }
    return Stream.of(
        Arguments.of(
            "text",
            "m1",
            null,
            "Hello there",
            List.of(),
            true,
            List.of(Expected.body("Hello there"))),
        Arguments.of(
            "over 1,600 characters: split at a paragraph",
            "m2",
            null,
            long1 + "\n\n" + long2,
            List.of(),
            true,
            List.of(Expected.body(long1), Expected.body(long2))),
        Arguments.of(
            "two choices: quick-reply buttons",
            "m3",
            null,
            "Did you meet?",
            yesNo,
            true,
            List.of(
                Expected.content(
                    HXQUICK2_SID,
                    Map.of(
                        "1",
                        "Did you meet?",
                        "2",
                        "Yes",
                        "3",
                        "q.a:yes",
                        "4",
                        "No",
                        "5",
                        "q.a:no")))),
        Arguments.of(
            "two choices under a text of several lines: numbered",
            "m4",
            null,
            "Last week you said so.\nDid you meet?",
            yesNo,
            true,
            List.of(
                Expected.body(
                    "Last week you said so.\nDid you meet?\n\n1. Yes\n2. No\n\nReply with the number of your choice."))),
        Arguments.of(
            "four choices: numbered",
            "m5",
            null,
            "What was it about?",
            four,
            true,
            List.of(
                Expected.body(
                    "What was it about?\n\n1. Budget\n2. Staffing\n3. Data\n4. Other\n\nReply with the number of your choice."))),
        Arguments.of(
            "a 0–10 scale: typed, the text as it is",
            "m6",
            null,
            "How far, 0 to 10?",
            scale,
            true,
            List.of(Expected.body("How far, 0 to 10?"))),
        Arguments.of(
            "a nudge outside the window: its flow's template",
            "m7",
            "start:nudge|2026-11-30T07:00:00Z|p|checkin|m-1",
            "Hi! Time for your check-in.",
            List.of(),
            false,
            List.of(Expected.content(HXCHECKIN_SID, Map.of()))),
        Arguments.of(
            "a broadcast outside the window, no key-message template: the generic one, no parameter",
            "broadcast|b1|m-1",
            null,
            "Key message:\nthe report is out.",
            List.of(),
            false,
            List.of(Expected.content(HXGENERIC_SID, Map.of()))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outbound")
  void outboundMessagesBecomeTheseRequests(
      String name,
      String id,
      String source,
      String text,
      List<Button> buttons,
      boolean windowOpen,
      List<Expected> expected) {
    String number = "+" + NUMBERS.incrementAndGet();
    String contactId = "whatsapp:" + number;
    contacts.create("whatsapp", number, "en", clock.instant());
    if (windowOpen) {
      sessions.inbound(contactId, clock.instant());
    }
    OutboundMessage m =
        new OutboundMessage(
            id + number,
            new Recipient(contactId, "whatsapp", number),
            text,
            buttons,
            Priority.INTERACTIVE,
            source,
            clock.instant());
    assertThat(sender.send(m)).isInstanceOf(SendResult.Sent.class);
    List<Expected> got =
        FAKE.createdTo(contactId).stream()
            .map(c -> new Expected(c.body(), c.contentSid(), c.contentVariables()))
            .toList();
    assertThat(got).containsExactlyElementsOf(expected);
    FakeTwilioApi.Created last =
        FAKE.createdTo(contactId).get(FAKE.createdTo(contactId).size() - 1);
    assertThat(last.from()).isEqualTo("whatsapp:+14155238886");
    assertThat(last.statusCallback())
        .isEqualTo("https://bot.example.org" + TwilioStatusController.PATH);
  }

  @Test
  void aFileGoesAsASignedLinkThatServesItAndNothingElse() throws Exception {
    String number = "+" + NUMBERS.incrementAndGet();
    String contactId = "whatsapp:" + number;
    contacts.create("whatsapp", number, "en", clock.instant());
    sessions.inbound(contactId, clock.instant());
    Attachment file =
        attachments.put(contactId, "mydata.json", "application/json", "{\"a\":1}".getBytes());
    OutboundMessage m =
        new OutboundMessage(
            "file-" + number,
            new Recipient(contactId, "whatsapp", number),
            "Your data",
            List.of(),
            Priority.INTERACTIVE,
            null,
            clock.instant(),
            file);
    assertThat(sender.send(m)).isInstanceOf(SendResult.Sent.class);
    String url = FAKE.createdTo(contactId).get(0).mediaUrls().get(0);
    assertThat(url).startsWith("https://bot.example.org" + FileLinks.PATH);
    String path = URI.create(url).getPath();
    HttpResponse<String> got =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.body()).isEqualTo("{\"a\":1}");
    HttpResponse<String> forged =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path + "x")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(404);
  }

  @Test
  void forgetLeavesNothingOfThePersonInTheChannel() throws Exception {
    Phone p = joined();
    String sid = "MM" + SIDS.incrementAndGet();
    p.sendMedia(sid, "", FAKE.media(sid, new byte[] {1, 2}, "audio/ogg"), "audio/ogg");
    awaitDocument("whatsapp_media", "twilio-media:" + sid + "/0");
    p.send("/forget");
    p.await("Delete everything?");
    p.send("/forget yes");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (mongo.getCollection("contacts").find(new Document("_id", p.contactId())).first() != null
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    Thread.sleep(500); // the goodbye goes out after the erasure
    for (String c : List.of("whatsapp_sessions", "whatsapp_messages", "whatsapp_media")) {
      for (Document d : mongo.getCollection(c).find().comment("scan-ok: the test reads all")) {
        assertThat(d.toJson()).as(c).doesNotContain(p.number.substring(1));
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  /** A person who joined a fresh partnership over WhatsApp (and so wrote a moment ago). */
  private Phone joined() throws Exception {
    String slug = "wa-" + NUMBERS.incrementAndGet();
    partnerships.create(
        new Partnership(
            slug,
            "Lake Twins",
            "Africa/Nairobi",
            "en",
            List.of(new Organisation("east", "East Town"), new Organisation("west", "West Town")),
            List.of(),
            null,
            List.of(),
            clock.instant()));
    String code = invites.create(slug, "east", Role.PEER, 5, null, null, clock.instant()).code();
    Phone p = new Phone();
    p.slug = slug;
    p.send("join " + code);
    p.await("Which language");
    p.choose("English");
    p.await("what name");
    p.send("Amina");
    p.await("East Town");
    p.choose("Yes");
    p.await("time zone");
    p.choose("Yes");
    p.await("go ahead");
    p.choose("Yes");
    p.await("Welcome aboard");
    return p;
  }

  /** A scheduled check-in nudge, as the scheduler would start it; answers its cause. */
  private String nudge(Phone p) {
    Document contact =
        mongo.getCollection("contacts").find(new Document("_id", p.contactId())).first();
    String member = contact.getString("memberId");
    String period =
        Period.of(
                Cadence.periodOf(Cadence.CHECKIN),
                clock.instant(),
                java.time.ZoneId.of("Africa/Nairobi"))
            .id();
    String cause = "nudge|" + clock.instant() + "|" + p.slug + "|checkin|" + member;
    conversations.nudge(p.contactId(), "checkin", p.slug, cause, period, () -> {});
    return cause;
  }

  /** The contact's status once it is {@code expected}, or as it is after 5 s. */
  private String status(Phone p, String expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    String s = null;
    while (System.nanoTime() < deadline) {
      Document c = mongo.getCollection("contacts").find(new Document("_id", p.contactId())).first();
      s = c == null ? null : c.getString("status");
      if (expected.equals(s)) {
        return s;
      }
      Thread.sleep(20);
    }
    return s;
  }

  private Document awaitDocument(String collection, String id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      Document d = mongo.getCollection(collection).find(new Document("_id", id)).first();
      if (d != null) {
        return d;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no " + id + " in " + collection);
  }

  private int callback(String sid, String status, String errorCode) throws Exception {
    Map<String, List<String>> form = new LinkedHashMap<>();
    form.put("AccountSid", List.of(SID));
    form.put("MessageSid", List.of(sid));
    form.put("SmsSid", List.of(sid));
    form.put("MessageStatus", List.of(status));
    form.put("SmsStatus", List.of(status));
    form.put("ChannelPrefix", List.of("whatsapp"));
    form.put("ApiVersion", List.of("2010-04-01"));
    if (errorCode != null) {
      form.put("ErrorCode", List.of(errorCode));
    }
    return signedPost(TwilioStatusController.PATH, form).statusCode();
  }

  private static Map<String, List<String>> form(String from, String body) {
    Map<String, List<String>> f = new LinkedHashMap<>();
    String sid = "SM" + String.format("%032d", SIDS.incrementAndGet());
    f.put("SmsMessageSid", List.of(sid));
    f.put("NumMedia", List.of("0"));
    f.put("ProfileName", List.of("Amina"));
    f.put("MessageType", List.of("text"));
    f.put("SmsSid", List.of(sid));
    f.put("WaId", List.of(from.replace("whatsapp:+", "")));
    f.put("SmsStatus", List.of("received"));
    f.put("Body", List.of(body));
    f.put("To", List.of("whatsapp:+14155238886"));
    f.put("NumSegments", List.of("1"));
    f.put("MessageSid", List.of(sid));
    f.put("AccountSid", List.of(SID));
    f.put("From", List.of(from));
    f.put("ApiVersion", List.of("2010-04-01"));
    return f;
  }

  private HttpResponse<String> signedPost(String path, Map<String, List<String>> form)
      throws Exception {
    return post(path, form, TwilioSigner.sign(TOKEN, "https://bot.example.org" + path, form));
  }

  private HttpResponse<String> post(String path, Map<String, List<String>> form, String signature)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(TwilioSigner.formBody(form)));
    if (signature != null) {
      b.header(TwilioSigner.HEADER, signature);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** One person's WhatsApp: what they send, and what the fake Twilio received for them. */
  final class Phone {
    final String number = "+" + NUMBERS.incrementAndGet();
    String slug;
    private int seen;

    String to() {
      return "whatsapp:" + number;
    }

    String contactId() {
      return "whatsapp:" + number;
    }

    /** Sends {@code text}; answers its MessageSid. */
    String send(String text) throws Exception {
      Map<String, List<String>> f = form(to(), text);
      HttpResponse<String> r = signedPost(TwilioWebhookController.PATH, f);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return f.get("MessageSid").get(0);
    }

    void sendMedia(String sid, String caption, String url, String type) throws Exception {
      Map<String, List<String>> f = form(to(), caption);
      f.put("MessageSid", List.of(sid));
      f.put("SmsMessageSid", List.of(sid));
      f.put("NumMedia", List.of("1"));
      f.put("MediaUrl0", List.of(url));
      f.put("MediaContentType0", List.of(type));
      HttpResponse<String> r = signedPost(TwilioWebhookController.PATH, f);
      assertThat(r.statusCode()).isEqualTo(200);
    }

    void tap(String payload, String title) throws Exception {
      Map<String, List<String>> f = form(to(), title);
      f.put("MessageType", List.of("button"));
      f.put("ButtonText", List.of(title));
      f.put("ButtonPayload", List.of(payload));
      assertThat(signedPost(TwilioWebhookController.PATH, f).statusCode()).isEqualTo(200);
    }

    /** Answers the latest question with choices by the choice labelled {@code label}. */
    void choose(String label) throws Exception {
      List<FakeTwilioApi.Created> all = FAKE.createdTo(to());
      for (int i = all.size() - 1; i >= 0; i--) {
        FakeTwilioApi.Created c = all.get(i);
        if (c.contentSid() != null
            && (c.contentSid().equals(HXQUICK2_SID) || c.contentSid().equals(HXQUICK3_SID))) {
          Map<String, String> v = c.contentVariables();
          for (int k = 2; v.containsKey(String.valueOf(k)); k += 2) {
            if (v.get(String.valueOf(k)).equalsIgnoreCase(label)) {
              tap(v.get(String.valueOf(k + 1)), label);
              return;
            }
          }
          throw new AssertionError("no button '" + label + "' in " + v);
        }
        if (c.body() != null) {
          Matcher m =
              Pattern.compile("(?m)^(\\d+)\\. " + Pattern.quote(label) + "$").matcher(c.body());
          if (m.find()) {
            send(m.group(1));
            return;
          }
        }
      }
      throw new AssertionError("no choice '" + label + "' sent to " + to() + ": " + all);
    }

    /** The next message to this person containing {@code fragment} (in its body or buttons). */
    FakeTwilioApi.Created await(String fragment) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline) {
        List<FakeTwilioApi.Created> all = FAKE.createdTo(to());
        for (int i = seen; i < all.size(); i++) {
          if (text(all.get(i)).contains(fragment)) {
            seen = i + 1;
            return all.get(i);
          }
        }
        Thread.sleep(20);
      }
      throw new AssertionError(
          "never said '" + fragment + "' to " + to() + ": " + FAKE.createdTo(to()));
    }

    FakeTwilioApi.Created awaitTemplate(String contentSid) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline) {
        List<FakeTwilioApi.Created> all = FAKE.createdTo(to());
        for (int i = seen; i < all.size(); i++) {
          if (contentSid.equals(all.get(i).contentSid())) {
            seen = i + 1;
            return all.get(i);
          }
        }
        Thread.sleep(20);
      }
      throw new AssertionError(
          "no template " + contentSid + " to " + to() + ": " + FAKE.createdTo(to()));
    }

    /** Messages this person got twice (nothing in these tests is meant to repeat). */
    long duplicates() {
      List<String> all = FAKE.createdTo(to()).stream().map(this::text).toList();
      return all.size() - all.stream().distinct().count();
    }

    long messagesContaining(String fragment) {
      return FAKE.createdTo(to()).stream()
          .skip(seen)
          .filter(c -> text(c).contains(fragment))
          .count();
    }

    private String text(FakeTwilioApi.Created c) {
      StringBuilder b = new StringBuilder(c.body() == null ? "" : c.body());
      c.contentVariables().values().forEach(v -> b.append('\n').append(v));
      return b.toString();
    }
  }
}
