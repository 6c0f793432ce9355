package org.peerloop.bot.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.peerloop.bot.channel.telegram.FakeBotApi;
import org.peerloop.bot.channel.whatsapp.FakeTwilioApi;
import org.peerloop.bot.channel.whatsapp.TwilioSigner;
import org.peerloop.bot.contact.ContactStore;
import org.peerloop.bot.people.Member;
import org.peerloop.bot.people.MemberStatus;
import org.peerloop.bot.people.MemberStore;
import org.peerloop.bot.people.Membership;
import org.peerloop.bot.people.Organisation;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.PartnershipStore;
import org.peerloop.bot.people.Role;
import org.peerloop.bot.testing.AdminClient;
import org.peerloop.bot.testing.SimClient;
import org.peerloop.scheduler.DueItem;
import org.peerloop.scheduler.DueStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Key messages end to end over every channel at once: people on Telegram (the fake Bot API), on
 * WhatsApp (the fake Twilio API, outside the 24-hour window: the key-message template) and in the
 * web simulator. A draft previews exactly, a confirm sends once to each, the report counts by
 * channel and organisation, Twilio's callbacks move deliveries along, a cancel stops what has not
 * gone, a schedule files one wave per local moment, and bad input sends nothing.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "peerloop.store.memory=true",
      "peerloop.scheduler.jobs=false",
      "peerloop.admin-token=" + AdminClient.TOKEN,
      "peerloop.outbox.retry-base=50ms",
      "peerloop.outbox.channels.telegram.per-second=30",
      "peerloop.outbox.channels.telegram.per-chat-per-second=50",
      "peerloop.outbox.channels.telegram.per-group-per-minute=600",
      "peerloop.outbox.channels.whatsapp.per-second=200",
      "peerloop.outbox.channels.whatsapp.per-chat-per-second=50",
      "peerloop.twilio.account-sid=" + BroadcastsTest.SID,
      "peerloop.twilio.auth-token=" + BroadcastsTest.TWILIO_TOKEN,
      "peerloop.twilio.from=whatsapp:+14155238886",
      "peerloop.whatsapp.templates.key-message.en=" + BroadcastsTest.HXKEY_SID,
      "peerloop.whatsapp.templates.generic.en=" + BroadcastsTest.HXGENERIC_SID,
      "peerloop.telegram.leader-menus-delay=3600000",
    })
class BroadcastsTest {

  static final String SID = "AC22222222222222222222222222222222";
  static final String TWILIO_TOKEN = "twilio-broadcast-token";
  static final String HXKEY_SID = "HXbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
  static final String HXGENERIC_SID = "HX00000000000000000000000000000000";
  static final String TELEGRAM_TOKEN = "888:BROADCAST-token";
  static final FakeBotApi TELEGRAM = telegram();
  static final FakeTwilioApi TWILIO = twilio();
  private static final AtomicLong IDS = new AtomicLong(8_000_000);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @Autowired MongoTemplate mongo;
  @Autowired PartnershipStore partnerships;
  @Autowired MemberStore members;
  @Autowired ContactStore contacts;
  @Autowired DueStore due;
  @Autowired BroadcastSending sending;
  @Autowired BroadcastProgress progress;
  @Autowired BroadcastStore store;
  @Autowired org.peerloop.bot.outbox.Outbox outbox;

  static FakeBotApi telegram() {
    try {
      return FakeBotApi.start(TELEGRAM_TOKEN);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static FakeTwilioApi twilio() {
    try {
      return FakeTwilioApi.start(SID, TWILIO_TOKEN);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void channels(DynamicPropertyRegistry r) {
    r.add("peerloop.telegram.token", () -> TELEGRAM_TOKEN);
    r.add("peerloop.telegram.api-url", TELEGRAM::url);
    r.add("peerloop.twilio.api-url", TWILIO::url);
    r.add("peerloop.public-url", () -> "https://bot.example.org");
  }

  @AfterAll
  static void close() {
    // At most once, across every test of the class: no chat got the same text twice.
    assertThat(TELEGRAM.duplicated()).isEmpty();
    TELEGRAM.close();
    TWILIO.close();
  }

  // ------------------------------------------------------------------ the people

  /** A partnership of two organisations, Kisumu and Isiolo county. */
  String partnership() {
    String slug = "bc-" + IDS.incrementAndGet();
    partnerships.create(
        new Partnership(
            slug,
            "Lake and Hills",
            "Africa/Nairobi",
            "en",
            List.of(
                new Organisation("kisumu", "Kisumu County"),
                new Organisation("isiolo", "Isiolo County")),
            List.of(),
            null,
            List.of(),
            Instant.now()));
    return slug;
  }

  /** Someone who joined on {@code channel} at {@code address}. */
  Member person(
      String slug,
      String org,
      Role role,
      String channel,
      String address,
      MemberStatus status,
      String zone) {
    String id = "m-" + IDS.incrementAndGet();
    String contact = channel + ":" + address;
    Instant now = Instant.now();
    contacts.create(channel, address, "en", now);
    contacts.consent(contact, "consent@r1", now);
    contacts.link(contact, id);
    Member m =
        new Member(
            id,
            "Person " + id,
            "en",
            zone,
            status,
            List.of(new Membership(slug, org, role)),
            false,
            List.of(contact),
            null,
            "consent@r1",
            now,
            null,
            now);
    members.save(m);
    return m;
  }

  record Cast(String slug, long tg1, long tg2, String wa1, String wa2, String web1, String web2) {}

  /** Two people on each channel, one paused and one stopped. */
  Cast cast() {
    String slug = partnership();
    long tg1 = IDS.incrementAndGet();
    long tg2 = IDS.incrementAndGet();
    String wa1 = "+2547" + IDS.incrementAndGet();
    String wa2 = "+2547" + IDS.incrementAndGet();
    String web1 = "web-" + IDS.incrementAndGet();
    String web2 = "web-" + IDS.incrementAndGet();
    person(
        slug,
        "kisumu",
        Role.PEER,
        "telegram",
        String.valueOf(tg1),
        MemberStatus.ACTIVE,
        "Africa/Nairobi");
    person(
        slug,
        "isiolo",
        Role.PEER,
        "telegram",
        String.valueOf(tg2),
        MemberStatus.ACTIVE,
        "Africa/Nairobi");
    person(slug, "kisumu", Role.PEER, "whatsapp", wa1, MemberStatus.ACTIVE, "Africa/Nairobi");
    person(slug, "isiolo", Role.PEER, "whatsapp", wa2, MemberStatus.ACTIVE, "Africa/Nairobi");
    person(slug, "kisumu", Role.FACILITATOR, "web", web1, MemberStatus.ACTIVE, "Africa/Nairobi");
    person(slug, "isiolo", Role.PEER, "web", web2, MemberStatus.ACTIVE, "Africa/Nairobi");
    person(
        slug,
        "isiolo",
        Role.PEER,
        "telegram",
        String.valueOf(IDS.incrementAndGet()),
        MemberStatus.PAUSED,
        "Africa/Nairobi");
    Member stopped =
        person(
            slug,
            "kisumu",
            Role.PEER,
            "web",
            "web-" + IDS.incrementAndGet(),
            MemberStatus.ACTIVE,
            "Africa/Nairobi");
    contacts.stop(stopped.contacts().get(0));
    return new Cast(slug, tg1, tg2, wa1, wa2, web1, web2);
  }

  // ------------------------------------------------------------------ the tests

  @Test
  void anOperatorBroadcastsToEveryChannelOnceAndReadsTheReport() throws Exception {
    Cast c = cast();
    AdminClient admin = new AdminClient(port);
    String body =
        "{\"text\": \"The budget workshop moves to 14 March.\","
            + " \"link\": \"https://example.org/report.pdf\"}";

    HttpResponse<String> created = admin.post(base(c.slug()), body);

    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode draft = AdminClient.json(created);
    String id = draft.get("id").asText();
    JsonNode preview = draft.get("preview");
    assertThat(preview.get("text").asText())
        .isEqualTo(
            "📣 Key message for Lake and Hills:\n\nThe budget workshop moves to 14 March.\n\n"
                + "https://example.org/report.pdf");
    assertThat(preview.get("recipients").asInt()).isEqualTo(8);
    assertThat(preview.get("sending").asInt()).isEqualTo(6);
    assertThat(preview.get("channels").toString())
        .isEqualTo("{\"telegram\":2,\"web\":2,\"whatsapp\":2}");
    assertThat(preview.get("skipped").toString()).isEqualTo("{\"paused\":1,\"stopped\":1}");
    // A draft sends nothing.
    Thread.sleep(200);
    assertThat(TELEGRAM.sentTo(c.tg1())).isEmpty();

    HttpResponse<String> confirmed = admin.post(base(c.slug()) + "/" + id + "/confirm", "");
    HttpResponse<String> again = admin.post(base(c.slug()) + "/" + id + "/confirm", "");

    assertThat(confirmed.statusCode()).isEqualTo(202);
    assertThat(again.statusCode()).isEqualTo(202);
    JsonNode report = awaitState(admin, c.slug(), id, "done");
    assertThat(report.get("counts").toString())
        .isEqualTo(
            "{\"queued\":0,\"sent\":6,\"delivered\":0,\"read\":0,\"failed\":0,\"skipped\":2,\"unknown\":0}");
    assertThat(report.get("byChannel").get("whatsapp").get("sent").asInt()).isEqualTo(2);
    assertThat(report.get("byOrganisation").get("kisumu").get("sent").asInt()).isEqualTo(3);
    assertThat(report.get("byOrganisation").get("kisumu").get("skipped").asInt()).isEqualTo(1);
    assertThat(report.get("reasons").get("skipped").toString())
        .isEqualTo("{\"paused\":1,\"stopped\":1}");
    assertThat(report.get("progress").asText()).isEqualTo("8 of 8 settled");

    // Telegram: the text itself, once each.
    for (long chat : List.of(c.tg1(), c.tg2())) {
      List<FakeBotApi.Sent> got = TELEGRAM.sentTo(chat);
      assertThat(got).hasSize(1);
      assertThat(got.get(0).text()).contains("The budget workshop moves to 14 March.");
    }
    // WhatsApp, outside the 24-hour window: the approved key-message template, once each.
    for (String number : List.of(c.wa1(), c.wa2())) {
      List<FakeTwilioApi.Created> got = TWILIO.createdTo("whatsapp:" + number);
      assertThat(got).hasSize(1);
      assertThat(got.get(0).contentSid()).isEqualTo(HXKEY_SID);
      assertThat(got.get(0).contentVariables().get("1"))
          .startsWith("📣 Key message for Lake and Hills: The budget workshop");
    }
    // The simulator: in the person's transcript.
    SimClient web = new SimClient(HTTP, "http://127.0.0.1:" + port, c.web2());
    assertThat(web.awaitBot("The budget workshop", Duration.ofSeconds(5)).text())
        .contains("https://example.org/report.pdf");

    // Twilio's callbacks move a WhatsApp recipient to delivered, then read.
    String sid = TWILIO.createdTo("whatsapp:" + c.wa1()).get(0).sid();
    assertThat(status(sid, "delivered")).isEqualTo(200);
    assertThat(status(sid, "read")).isEqualTo(200);
    assertThat(status(sid, "delivered")).isEqualTo(200); // late, out of order: ignored
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> counts(admin, c.slug(), id).get("read").asInt() == 1);
    JsonNode after = counts(admin, c.slug(), id);
    assertThat(after.get("sent").asInt()).isEqualTo(6);
    assertThat(after.get("delivered").asInt()).isEqualTo(1);
    assertThat(TELEGRAM.duplicates()).isZero();
  }

  @Test
  void aFacilitatorBroadcastsFromTheSimulatorAndIsToldWhenItIsDone() throws Exception {
    Cast c = cast();
    SimClient facilitator = new SimClient(HTTP, "http://127.0.0.1:" + port, c.web1());

    facilitator.say("/broadcast", "f1");
    SimClient.Message audience = facilitator.awaitBot("Who should get it?", Duration.ofSeconds(5));
    assertThat(audience.labels())
        .contains("Everyone", "Kisumu County", "Isiolo County", "Peers only");
    facilitator.tap("/broadcast " + c.slug() + " org:isiolo", "f2");
    facilitator.awaitBot("Write your key message", Duration.ofSeconds(5));
    facilitator.say("Isiolo team: the water audit is on Friday.", "f3");
    facilitator.awaitBot("link to a fuller report", Duration.ofSeconds(5));
    facilitator.say("https://example.org/audit", "f4");
    facilitator.awaitBot("photo or a document", Duration.ofSeconds(5));
    facilitator.say("skip", "f4b");
    facilitator.awaitBot("This is how people will see it", Duration.ofSeconds(5));
    SimClient.Message shown = facilitator.awaitBot("Isiolo team", Duration.ofSeconds(5));
    assertThat(shown.text())
        .startsWith("📣 Key message from Person ")
        .endsWith(
            ", Lake and Hills:\n\nIsiolo team: the water audit is on Friday.\n\nhttps://example.org/audit");
    SimClient.Message reach = facilitator.awaitBot("It goes to 3 people", Duration.ofSeconds(5));
    assertThat(reach.text()).contains("Telegram 1").contains("WhatsApp 1").contains("web 1");
    assertThat(reach.text()).contains("1 will not get it: 1 paused");
    String send = reach.payloads().get(0);
    assertThat(send).startsWith("/broadcast send ");

    facilitator.tap(send, "f5");
    facilitator.tap(send, "f6"); // a double tap
    facilitator.awaitBot("Sending to 3 people now", Duration.ofSeconds(5));
    facilitator.awaitBot("already on its way", Duration.ofSeconds(5));
    facilitator.awaitBot("Your key message has gone out: 3 sent", Duration.ofSeconds(10));

    assertThat(TELEGRAM.sentTo(c.tg2())).hasSize(1);
    assertThat(TELEGRAM.sentTo(c.tg1())).isEmpty(); // Kisumu was not in the audience
    assertThat(TWILIO.createdTo("whatsapp:" + c.wa2())).hasSize(1);
    assertThat(TWILIO.createdTo("whatsapp:" + c.wa1())).isEmpty();

    facilitator.say("/broadcasts", "f7");
    SimClient.Message list =
        facilitator.awaitBot("Key messages for Lake and Hills", Duration.ofSeconds(5));
    assertThat(list.text())
        .contains("done: 4 of 4 done")
        .contains("Sent 3")
        .contains("Isiolo team");

    // A peer may not broadcast.
    SimClient peer = new SimClient(HTTP, "http://127.0.0.1:" + port, c.web2());
    peer.say("/broadcast", "p1");
    peer.awaitBot("not available", Duration.ofSeconds(5));
  }

  @Test
  void aFacilitatorOfTwoPartnershipsSendsOneMessageToBoth() throws Exception {
    Cast c = cast();
    String other = partnership();
    long there = IDS.incrementAndGet();
    person(
        other,
        "kisumu",
        Role.PEER,
        "telegram",
        String.valueOf(there),
        MemberStatus.ACTIVE,
        "Africa/Nairobi");
    String facilitatorId = contacts.find("web:" + c.web1()).orElseThrow().memberId();
    members.update(
        facilitatorId, m -> m.withMembership(new Membership(other, "isiolo", Role.FACILITATOR)));
    SimClient facilitator = new SimClient(HTTP, "http://127.0.0.1:" + port, c.web1());

    facilitator.say("/broadcast", "e1");
    SimClient.Message pick = facilitator.awaitBot("Which partnership", Duration.ofSeconds(5));
    assertThat(pick.labels()).contains("All my partnerships");
    facilitator.tap("/broadcast everywhere", "e2");
    facilitator.awaitBot("Write your key message", Duration.ofSeconds(5));
    facilitator.say("Both partnerships: the annual review is on 3 December.", "e3");
    facilitator.awaitBot("link to a fuller report", Duration.ofSeconds(5));
    facilitator.say("skip", "e4");
    facilitator.awaitBot("photo or a document", Duration.ofSeconds(5));
    facilitator.say("skip", "e4b");
    SimClient.Message reach = facilitator.awaitBot("It goes to", Duration.ofSeconds(5));
    assertThat(reach.text()).contains("It goes to 6 people").contains("It goes to 2 people");
    facilitator.tap(reach.payloads().get(0), "e5");
    facilitator.awaitBot("Sending to 6 people now", Duration.ofSeconds(5));

    await().atMost(Duration.ofSeconds(10)).until(() -> TELEGRAM.sentTo(there).size() == 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> TELEGRAM.sentTo(c.tg1()).size() == 1);
    assertThat(TELEGRAM.sentTo(there).get(0).text()).contains("annual review");
    assertThat(TWILIO.createdTo("whatsapp:" + c.wa2())).hasSize(1);
    // The other partnership's people see their own partnership's name.
    assertThat(TELEGRAM.sentTo(there).get(0).text()).contains("Lake and Hills");
  }

  @Test
  void aFacilitatorOnTelegramSendsAPhotoWithTheKeyMessageToEveryChannel() throws Exception {
    Cast c = cast();
    long facilitator = IDS.incrementAndGet();
    person(
        c.slug(),
        "kisumu",
        Role.FACILITATOR,
        "telegram",
        String.valueOf(facilitator),
        MemberStatus.ACTIVE,
        "Africa/Nairobi");
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4, 5, 6};
    TELEGRAM.file("photo-" + facilitator, "photos/file_" + facilitator + ".jpg", jpeg);

    telegram(facilitator, "/broadcast " + c.slug() + " org:isiolo");
    awaitTelegram(facilitator, "Write your key message");
    telegram(facilitator, "Photo of the budget workshop.");
    awaitTelegram(facilitator, "link to a fuller report");
    telegram(facilitator, "skip");
    awaitTelegram(facilitator, "photo or a document");
    TELEGRAM.enqueue(
        TELEGRAM.photoUpdate(
            UPDATES.incrementAndGet(), facilitator, facilitator, "photo-" + facilitator));
    // The preview: the photo, with the message as its caption, exactly as it will go.
    FakeBotApi.Sent preview = awaitTelegram(facilitator, "Photo of the budget workshop.");
    assertThat(preview.method()).isEqualTo("sendPhoto");
    FakeBotApi.Sent reach = awaitTelegram(facilitator, "It goes to 3 people");
    assertThat(reach.text()).contains("With the file file_" + facilitator + ".jpg");
    java.util.regex.Matcher send =
        java.util.regex.Pattern.compile("/broadcast send (b[a-z0-9]+)")
            .matcher(reach.replyMarkup());
    assertThat(send.find()).isTrue();
    telegram(facilitator, "/broadcast send " + send.group(1));
    awaitTelegram(facilitator, "Sending to 3 people now");

    // Telegram: the photo with the message as its caption.
    FakeBotApi.Sent got =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> TELEGRAM.sentTo(c.tg2()), l -> !l.isEmpty())
            .get(0);
    assertThat(got.method()).isEqualTo("sendPhoto");
    assertThat(got.text()).contains("Photo of the budget workshop.");
    assertThat(got.fileSize()).isEqualTo((long) jpeg.length);
    // The simulator: the message with its file to download.
    SimClient web = new SimClient(HTTP, "http://127.0.0.1:" + port, c.web2());
    SimClient.Message shown = web.awaitBot("Photo of the budget workshop.", Duration.ofSeconds(10));
    assertThat(shown.file()).isNotNull();
    assertThat(web.get(shown.file().url()).body()).isEqualTo(jpeg);
    // WhatsApp, outside the window: the key-message template now; the photo follows the reply.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> TWILIO.createdTo("whatsapp:" + c.wa2()).size() == 1);
    assertThat(TWILIO.createdTo("whatsapp:" + c.wa2()).get(0).contentSid()).isEqualTo(HXKEY_SID);
    // Kisumu was not in the audience.
    Thread.sleep(200);
    assertThat(TELEGRAM.sentTo(c.tg1())).isEmpty();
  }

  @Test
  void aFileThatCannotBeHadSendsNothing() throws Exception {
    Cast c = cast();
    long facilitator = IDS.incrementAndGet();
    person(
        c.slug(),
        "kisumu",
        Role.FACILITATOR,
        "telegram",
        String.valueOf(facilitator),
        MemberStatus.ACTIVE,
        "Africa/Nairobi");
    long before = mongo.getCollection(BroadcastStore.BROADCASTS).countDocuments();

    telegram(facilitator, "/broadcast " + c.slug() + " all");
    awaitTelegram(facilitator, "Write your key message");
    telegram(facilitator, "A photo that is gone.");
    awaitTelegram(facilitator, "link to a fuller report");
    telegram(facilitator, "skip");
    awaitTelegram(facilitator, "photo or a document");
    // A file_id Telegram does not know (getFile answers 400).
    TELEGRAM.enqueue(
        TELEGRAM.photoUpdate(UPDATES.incrementAndGet(), facilitator, facilitator, "nothing-here"));

    awaitTelegram(facilitator, "could not get that file");
    assertThat(mongo.getCollection(BroadcastStore.BROADCASTS).countDocuments()).isEqualTo(before);
  }

  @Test
  void aPhotoWhatsAppCannotCarryIsRefusedBeforeAnythingIsDrafted() throws Exception {
    Cast c = cast();
    long facilitator = IDS.incrementAndGet();
    person(
        c.slug(),
        "kisumu",
        Role.FACILITATOR,
        "telegram",
        String.valueOf(facilitator),
        MemberStatus.ACTIVE,
        "Africa/Nairobi");
    byte[] big = new byte[(int) FileRules.IMAGE_BYTES + 1];
    TELEGRAM.file("big-" + facilitator, "photos/big_" + facilitator + ".jpg", big);
    long before = mongo.getCollection(BroadcastStore.BROADCASTS).countDocuments();

    telegram(facilitator, "/broadcast " + c.slug() + " all");
    awaitTelegram(facilitator, "Write your key message");
    telegram(facilitator, "A large photo.");
    awaitTelegram(facilitator, "link to a fuller report");
    telegram(facilitator, "skip");
    awaitTelegram(facilitator, "photo or a document");
    TELEGRAM.enqueue(
        TELEGRAM.photoUpdate(
            UPDATES.incrementAndGet(), facilitator, facilitator, "big-" + facilitator));

    awaitTelegram(facilitator, "WhatsApp cannot carry that file");
    assertThat(mongo.getCollection(BroadcastStore.BROADCASTS).countDocuments()).isEqualTo(before);
  }

  @Test
  void aRecipientErasedWhileTheirMessageWaitedIsSettledAsForgotten() throws Exception {
    Cast c = cast();
    AdminClient admin = new AdminClient(port);
    String id =
        AdminClient.json(admin.post(base(c.slug()), "{\"text\": \"Erasure.\"}")).get("id").asText();
    admin.post(base(c.slug()) + "/" + id + "/confirm", "");
    awaitState(admin, c.slug(), id, "done");
    // /forget took their pending message out of the outbox and their address off the entry,
    // before the send: the entry would wait for ever.
    String first = Recipient.id(id, 0);
    Document entry =
        mongo.getCollection(BroadcastStore.RECIPIENTS).find(new Document("_id", first)).first();
    mongo
        .getCollection(BroadcastStore.RECIPIENTS)
        .updateOne(
            new Document("_id", first),
            new Document("$set", new Document("state", "queued"))
                .append("$unset", new Document("address", "").append("member", "")));
    mongo
        .getCollection(BroadcastStore.BROADCASTS)
        .updateOne(
            new Document("_id", id),
            new Document("$set", new Document("state", "sending"))
                .append(
                    "$inc",
                    new Document(
                            Counts.path(entry.getString("channel"), entry.getString("org"), "sent"),
                            -1)
                        .append(
                            Counts.path(
                                entry.getString("channel"), entry.getString("org"), "queued"),
                            1)));

    sending.watch(); // notes the waiting count
    sending.watch(); // unchanged: catches up

    JsonNode report = awaitState(admin, c.slug(), id, "done");
    assertThat(report.get("reasons").get("skipped").get("forgotten").asInt()).isEqualTo(1);
  }

  @Test
  void aConfirmPickedUpAfterACrashNumbersTheSamePeople() throws Exception {
    String slug = partnership();
    long b1 = IDS.incrementAndGet();
    long c1 = IDS.incrementAndGet();
    Member b =
        person(
            slug,
            "kisumu",
            Role.PEER,
            "telegram",
            String.valueOf(b1),
            MemberStatus.ACTIVE,
            "Africa/Nairobi");
    Member cc =
        person(
            slug,
            "kisumu",
            Role.PEER,
            "telegram",
            String.valueOf(c1),
            MemberStatus.ACTIVE,
            "Africa/Nairobi");
    AdminClient admin = new AdminClient(port);
    String id =
        AdminClient.json(admin.post(base(slug), "{\"text\": \"Numbered once.\"}"))
            .get("id")
            .asText();
    // What a crash in the middle of the first confirm leaves: the audience saved, one entry
    // written, the state moved on, no snapshot.
    store.saveAudience(id, List.of(b.id(), cc.id()));
    mongo
        .getCollection(BroadcastStore.BROADCASTS)
        .updateOne(new Document("_id", id), new Document("$set", new Document("state", "sending")));
    // Meanwhile someone joins whose id sorts first: a fresh count would number everyone anew.
    long a1 = IDS.incrementAndGet();
    Member early =
        person(
            slug,
            "kisumu",
            Role.PEER,
            "telegram",
            String.valueOf(a1),
            MemberStatus.ACTIVE,
            "Africa/Nairobi");
    members.save(
        new Member(
            "m-0000-early",
            early.name(),
            "en",
            "Africa/Nairobi",
            MemberStatus.ACTIVE,
            early.memberships(),
            false,
            early.contacts(),
            null,
            "consent@r1",
            Instant.now(),
            null,
            Instant.now()));

    sending.run(id);

    JsonNode report = awaitState(admin, slug, id, "done");
    assertThat(report.get("recipients").asInt()).isEqualTo(2);
    assertThat(TELEGRAM.sentTo(b1)).hasSize(1);
    assertThat(TELEGRAM.sentTo(c1)).hasSize(1);
    assertThat(TELEGRAM.sentTo(a1)).isEmpty();
    assertThat(
            mongo
                .getCollection(BroadcastStore.RECIPIENTS)
                .find(new Document("_id", Recipient.id(id, 0)))
                .first()
                .getString("member"))
        .isEqualTo(b.id());
  }

  @Test
  void aCancelWhileSendingStopsWhatHasNotGone() throws Exception {
    String slug = partnership();
    List<Long> chats = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      long chat = IDS.incrementAndGet();
      chats.add(chat);
      person(
          slug,
          "kisumu",
          Role.PEER,
          "telegram",
          String.valueOf(chat),
          MemberStatus.ACTIVE,
          "Africa/Nairobi");
    }
    AdminClient admin = new AdminClient(port);
    String id =
        AdminClient.json(admin.post(base(slug), "{\"text\": \"Slow news.\"}")).get("id").asText();
    admin.post(base(slug) + "/" + id + "/confirm", "");
    // 30 a second: a few go out, then the rest is cancelled.
    await().atMost(Duration.ofSeconds(5)).until(() -> sentOf(chats) >= 5);

    HttpResponse<String> cancelled = admin.post(base(slug) + "/" + id + "/cancel", "");

    assertThat(cancelled.statusCode()).isEqualTo(200);
    int atCancel = sentOf(chats);
    // The cancelled messages leave the queue as skipped, without a send.
    await().atMost(Duration.ofSeconds(10)).until(() -> outbox.queued() == 0);
    Thread.sleep(300);
    int sent = sentOf(chats);
    // What was already taken by a sender may still go (one per sender thread), nothing after.
    assertThat(sent).isBetween(atCancel, atCancel + 4).isLessThan(60);
    JsonNode report = AdminClient.json(admin.get(base(slug) + "/" + id));
    assertThat(report.get("state").asText()).isEqualTo("cancelled");
    assertThat(report.get("counts").get("sent").asInt()).isEqualTo(sent);
    assertThat(report.get("reasons").get("skipped").get("cancelled").asInt()).isEqualTo(60 - sent);
    assertThat(admin.post(base(slug) + "/" + id + "/cancel", "").statusCode()).isEqualTo(409);
    assertThat(admin.post(base(slug) + "/" + id + "/confirm", "").statusCode()).isEqualTo(409);
  }

  @Test
  void aScheduledBroadcastGoesAtNineInEachPersonsOwnZone() throws Exception {
    String slug = partnership();
    long nairobi = IDS.incrementAndGet();
    long lagos = IDS.incrementAndGet();
    person(
        slug,
        "kisumu",
        Role.PEER,
        "telegram",
        String.valueOf(nairobi),
        MemberStatus.ACTIVE,
        "Africa/Nairobi");
    person(
        slug,
        "isiolo",
        Role.PEER,
        "telegram",
        String.valueOf(lagos),
        MemberStatus.ACTIVE,
        "Africa/Lagos");
    LocalDate tomorrow = LocalDate.now(ZoneId.of("Africa/Nairobi")).plusDays(1);
    AdminClient admin = new AdminClient(port);
    String id =
        AdminClient.json(
                admin.post(
                    base(slug),
                    "{\"text\": \"Morning news.\", \"sendAt\": \"" + tomorrow + "T09:00\"}"))
            .get("id")
            .asText();

    admin.post(base(slug) + "/" + id + "/confirm", "");

    Instant nineNairobi = tomorrow.atTime(9, 0).atZone(ZoneId.of("Africa/Nairobi")).toInstant();
    Instant nineLagos = tomorrow.atTime(9, 0).atZone(ZoneId.of("Africa/Lagos")).toInstant();
    String first = "broadcast|" + nineNairobi.toEpochMilli() + "|" + id + "|0";
    String second = "broadcast|" + nineLagos.toEpochMilli() + "|" + id + "|1";
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> due.find(first).isPresent() && due.find(second).isPresent());
    assertThat(AdminClient.json(admin.get(base(slug) + "/" + id)).get("state").asText())
        .isEqualTo("scheduled");
    Thread.sleep(200);
    assertThat(TELEGRAM.sentTo(nairobi)).isEmpty();

    // Nine o'clock in Nairobi: only the Nairobi wave goes.
    DueItem wave = due.find(first).orElseThrow();
    sending.handle(wave, wave.due());
    await().atMost(Duration.ofSeconds(5)).until(() -> TELEGRAM.sentTo(nairobi).size() == 1);
    Thread.sleep(200);
    assertThat(TELEGRAM.sentTo(lagos)).isEmpty();
    assertThat(AdminClient.json(admin.get(base(slug) + "/" + id)).get("state").asText())
        .isEqualTo("sending");

    DueItem later = due.find(second).orElseThrow();
    sending.handle(later, later.due());
    sending.handle(later, later.due()); // handled twice (a retried claim): still once
    awaitState(admin, slug, id, "done");
    assertThat(TELEGRAM.sentTo(lagos)).hasSize(1);
  }

  @Test
  void anOutcomeLostInACrashIsRecoveredFromTheOutboxLogAtRestart() throws Exception {
    Cast c = cast();
    AdminClient admin = new AdminClient(port);
    String id =
        AdminClient.json(admin.post(base(c.slug()), "{\"text\": \"Catch up.\"}"))
            .get("id")
            .asText();
    admin.post(base(c.slug()) + "/" + id + "/confirm", "");
    awaitState(admin, c.slug(), id, "done");
    // What a kill between the outbox's record and this recipient's move leaves behind.
    String first = Recipient.id(id, 0);
    Document before =
        mongo.getCollection(BroadcastStore.RECIPIENTS).find(new Document("_id", first)).first();
    assertThat(before.getString("state")).isEqualTo("sent");
    mongo
        .getCollection(BroadcastStore.RECIPIENTS)
        .updateOne(
            new Document("_id", first), new Document("$set", new Document("state", "queued")));
    mongo
        .getCollection(BroadcastStore.BROADCASTS)
        .updateOne(
            new Document("_id", id),
            new Document("$set", new Document("state", "sending"))
                .append(
                    "$inc",
                    new Document(
                            Counts.path(
                                before.getString("channel"), before.getString("org"), "sent"),
                            -1)
                        .append(
                            Counts.path(
                                before.getString("channel"), before.getString("org"), "queued"),
                            1)));
    assertThat(counts(admin, c.slug(), id).get("queued").asInt()).isEqualTo(1);

    sending.resume();

    JsonNode report = awaitState(admin, c.slug(), id, "done");
    assertThat(report.get("counts").get("sent").asInt()).isEqualTo(6);
    assertThat(report.get("counts").get("queued").asInt()).isZero();
    assertThat(TELEGRAM.sentTo(c.tg1())).hasSize(1);
    assertThat(TELEGRAM.sentTo(c.tg2())).hasSize(1);
    assertThat(TWILIO.createdTo("whatsapp:" + c.wa1())).hasSize(1);
  }

  @Test
  void someoneWhoIsForgottenBeforeTheirTurnIsSkippedAndTheBroadcastEnds() throws Exception {
    String slug = partnership();
    long nairobi = IDS.incrementAndGet();
    person(
        slug,
        "kisumu",
        Role.PEER,
        "telegram",
        String.valueOf(nairobi),
        MemberStatus.ACTIVE,
        "Africa/Nairobi");
    Member lagos =
        person(
            slug,
            "isiolo",
            Role.PEER,
            "telegram",
            String.valueOf(IDS.incrementAndGet()),
            MemberStatus.ACTIVE,
            "Africa/Lagos");
    LocalDate tomorrow = LocalDate.now(ZoneId.of("Africa/Nairobi")).plusDays(1);
    AdminClient admin = new AdminClient(port);
    String id =
        AdminClient.json(
                admin.post(
                    base(slug), "{\"text\": \"News.\", \"sendAt\": \"" + tomorrow + "T09:00\"}"))
            .get("id")
            .asText();
    admin.post(base(slug) + "/" + id + "/confirm", "");
    await().atMost(Duration.ofSeconds(5)).until(() -> waves(id).size() == 2);

    store.forget(lagos.id());
    for (DueItem wave : waves(id)) {
      sending.handle(wave, wave.due());
    }

    JsonNode report = awaitState(admin, slug, id, "done");
    assertThat(report.get("counts").get("sent").asInt()).isEqualTo(1);
    assertThat(report.get("reasons").get("skipped").get("forgotten").asInt()).isEqualTo(1);
    assertThat(
            mongo
                .getCollection(BroadcastStore.RECIPIENTS)
                .countDocuments(
                    new Document("member", lagos.id()),
                    new com.mongodb.client.model.CountOptions()
                        .comment("scan-ok: the test's check")))
        .isZero();
  }

  @Test
  void everyKeyMessageOpensItsOwnWhatsAppTemplate() throws Exception {
    Cast c = cast();
    AdminClient admin = new AdminClient(port);
    for (String text : List.of("First key message.", "Second key message.")) {
      String id =
          AdminClient.json(
                  admin.post(
                      base(c.slug()), "{\"text\": \"" + text + "\", \"organisation\": \"kisumu\"}"))
              .get("id")
              .asText();
      admin.post(base(c.slug()) + "/" + id + "/confirm", "");
      awaitState(admin, c.slug(), id, "done");
    }
    // Within 20 hours of each other: a nudge would be held quietly, a key message is not.
    List<FakeTwilioApi.Created> got = TWILIO.createdTo("whatsapp:" + c.wa1());
    assertThat(got).hasSize(2);
    assertThat(got.get(0).contentVariables().get("1")).contains("First key message.");
    assertThat(got.get(1).contentVariables().get("1")).contains("Second key message.");
  }

  @Test
  void badInputIsRefusedAndNothingIsStoredOrSent() throws Exception {
    Cast c = cast();
    AdminClient admin = new AdminClient(port);
    long before = mongo.getCollection(BroadcastStore.BROADCASTS).countDocuments();
    Map<String, String> refused = new LinkedHashMap<>();
    refused.put("{\"text\": \"   \"}", "\"text\" is empty");
    refused.put("{\"text\": \"" + "x".repeat(3501) + "\"}", "at most 3500");
    refused.put("{\"text\": \"Hi\", \"link\": \"ftp://example.org/x\"}", "http:// or https://");
    refused.put("{\"text\": \"Hi\", \"link\": \"javascript:alert(1)\"}", "http:// or https://");
    refused.put("{\"text\": \"Hi\", \"organisation\": \"mombasa\"}", "no organisation");
    refused.put("{\"text\": \"Hi\", \"role\": \"focal-point\"}", "nobody in the partnership");
    refused.put("{\"text\": \"Hi\", \"role\": \"boss\"}", "\"role\" must be");
    refused.put("{\"text\": \"Hi\", \"sendAt\": \"2020-01-01T09:00\"}", "in the future");
    refused.put("{\"text\": \"Hi\", \"sendAt\": \"next tuesday\"}", "ISO-8601");
    refused.put("{\"text\": [\"a\", \"b\"]}", "\"text\"");
    refused.put("not json", "not valid JSON");
    for (var e : refused.entrySet()) {
      HttpResponse<String> r = admin.post(base(c.slug()), e.getKey());
      assertThat(r.statusCode()).as(e.getKey()).isEqualTo(400);
      assertThat(AdminClient.json(r).get("error").asText())
          .as(e.getKey())
          .contains(e.getValue())
          .doesNotContain("Exception");
    }
    assertThat(
            admin
                .post("/api/v1/partnerships/nowhere/broadcasts", "{\"text\": \"Hi\"}")
                .statusCode())
        .isEqualTo(404);
    assertThat(admin.get(base(c.slug()) + "/bnothere").statusCode()).isEqualTo(404);
    assertThat(admin.post(base(c.slug()) + "/bnothere/confirm", "").statusCode()).isEqualTo(404);
    assertThat(
            new AdminClient(port, "wrong-token")
                .post(base(c.slug()), "{\"text\": \"Hi\"}")
                .statusCode())
        .isEqualTo(401);
    assertThat(mongo.getCollection(BroadcastStore.BROADCASTS).countDocuments()).isEqualTo(before);
    Thread.sleep(200);
    assertThat(TELEGRAM.sentTo(c.tg1())).isEmpty();

    // In the chat: a link that is not one is refused the same way.
    SimClient facilitator = new SimClient(HTTP, "http://127.0.0.1:" + port, c.web1());
    facilitator.say("/broadcast " + c.slug() + " all", "b1");
    facilitator.awaitBot("Write your key message", Duration.ofSeconds(5));
    facilitator.say("Hello all", "b2");
    facilitator.awaitBot("link to a fuller report", Duration.ofSeconds(5));
    facilitator.say("www example org", "b3");
    facilitator.awaitBot("photo or a document", Duration.ofSeconds(5));
    facilitator.say("skip", "b3b");
    facilitator.awaitBot("does not look like a web address", Duration.ofSeconds(5));
    assertThat(mongo.getCollection(BroadcastStore.BROADCASTS).countDocuments()).isEqualTo(before);
  }

  // ------------------------------------------------------------------ helpers

  List<DueItem> waves(String id) {
    List<DueItem> out = new ArrayList<>();
    for (Document w :
        mongo
            .getCollection(BroadcastStore.BROADCASTS)
            .find(new Document("_id", id))
            .first()
            .getList("waves", Document.class, List.of())) {
      String itemId =
          "broadcast|" + w.getDate("at").getTime() + "|" + id + "|" + w.getInteger("from");
      due.find(itemId).ifPresent(out::add);
    }
    return out;
  }

  private static final AtomicLong UPDATES = new AtomicLong(50_000);

  static void telegram(long chat, String text) {
    TELEGRAM.enqueue(TELEGRAM.textUpdate(UPDATES.incrementAndGet(), chat, chat, text));
  }

  /** The next message to {@code chat} (after those already awaited) containing {@code text}. */
  FakeBotApi.Sent awaitTelegram(long chat, String text) {
    int from = seen.getOrDefault(chat, 0);
    FakeBotApi.Sent found =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> {
                  List<FakeBotApi.Sent> all = TELEGRAM.sentTo(chat);
                  for (int i = from; i < all.size(); i++) {
                    if (all.get(i).text() != null && all.get(i).text().contains(text)) {
                      seen.put(chat, i + 1);
                      return all.get(i);
                    }
                  }
                  return null;
                },
                x -> x != null);
    return found;
  }

  private final Map<Long, Integer> seen = new java.util.concurrent.ConcurrentHashMap<>();

  static String base(String slug) {
    return "/api/v1/partnerships/" + slug + "/broadcasts";
  }

  JsonNode awaitState(AdminClient admin, String slug, String id, String state) {
    return await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> AdminClient.json(admin.get(base(slug) + "/" + id)),
            r -> r.get("state").asText().equals(state));
  }

  static JsonNode counts(AdminClient admin, String slug, String id) throws Exception {
    return AdminClient.json(admin.get(base(slug) + "/" + id)).get("counts");
  }

  static int sentOf(List<Long> chats) {
    int n = 0;
    for (long chat : chats) {
      n += TELEGRAM.sentTo(chat).size();
    }
    return n;
  }

  /** A signed status callback from Twilio. */
  int status(String sid, String status) throws Exception {
    Map<String, List<String>> form = new LinkedHashMap<>();
    form.put("MessageSid", List.of(sid));
    form.put("MessageStatus", List.of(status));
    form.put("AccountSid", List.of(SID));
    String path = "/webhooks/twilio/status";
    String signature = TwilioSigner.sign(TWILIO_TOKEN, "https://bot.example.org" + path, form);
    StringBuilder body = new StringBuilder();
    form.forEach(
        (k, vs) ->
            vs.forEach(
                v ->
                    body.append(body.isEmpty() ? "" : "&")
                        .append(k)
                        .append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8))));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Twilio-Signature", signature)
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}
