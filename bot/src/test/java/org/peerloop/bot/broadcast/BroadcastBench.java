package org.peerloop.bot.broadcast;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.peerloop.bot.bench.BenchReport;
import org.peerloop.bot.channel.telegram.FakeBotApi;
import org.peerloop.bot.channel.whatsapp.FakeTwilioApi;
import org.peerloop.bot.store.StoreFiles;
import org.peerloop.bot.testing.AdminClient;
import org.peerloop.bot.testing.AppProcess;
import tools.jackson.databind.JsonNode;

/**
 * A broadcast to 20,000 members, half on Telegram and half on WhatsApp (outside the 24-hour window,
 * so every WhatsApp send is the key-message template), from the real app in a child JVM on the
 * embedded file store to the two fakes enforcing the limits the app is configured with.
 *
 * <p>Run 1 measures the achieved rate per channel against the permitted one and counts duplicates.
 * Run 2 kills the app with SIGKILL when 40% has gone, restarts it on the same data and lets the
 * broadcast finish: every recipient's final state (read from the store) is compared with what the
 * fakes received. Targets: ratio ≥ 0.95 per channel, 0 duplicates, 0 lost, and unknown recipients
 * only among the sends in flight at the kill — those that reached a fake but whose record was not
 * yet written, plus at most one per sender thread whose claim was written before its request went.
 *
 * <p>Run: {@code ./mvnw -B -q -Pbench -pl bot -am test -Dtest=BroadcastBench
 * -Dsurefire.failIfNoSpecifiedTests=false} ({@code -Dbench.members=N}, default 20,000; {@code
 * -Dbench.workers=N} sender threads per channel, default 32: each at-most-once send waits for its
 * claim's durable commit, so a channel needs more threads than at-least-once sends to keep up).
 */
@Tag("bench")
class BroadcastBench {

  private static final int MEMBERS = Integer.getInteger("bench.members", 20_000);
  private static final double TELEGRAM_PER_SECOND =
      Double.parseDouble(System.getProperty("bench.telegram-per-second", "300"));
  private static final double WHATSAPP_PER_SECOND =
      Double.parseDouble(System.getProperty("bench.whatsapp-per-second", "200"));
  private static final int TELEGRAM_WORKERS = Integer.getInteger("bench.workers", 32);
  private static final int WHATSAPP_WORKERS = Integer.getInteger("bench.workers", 32);
  private static final String TOKEN = "7000000002:broadcast-bench";
  private static final String SID = "AC33333333333333333333333333333333";
  private static final String TWILIO_TOKEN = "broadcast-bench-token";
  private static final String KEY_MESSAGE = "HXabababababababababababababababab";
  private static final long FIRST_CHAT = 300_000_001L;
  private static final long FIRST_NUMBER = 254_711_000_000L;
  private static final String SLUG = "bench";
  private static final long FIRST_OTHER_CHAT = 390_000_001L;
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  @Test
  void broadcastsAtThePermittedRateAndAtMostOnceAcrossAKill() throws Exception {
    Path seeded = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bench-broadcast");
    Path one = seeded.resolve("run1");
    Path two = seeded.resolve("run2");
    seed(one);
    seed(two);
    BenchReport report = new BenchReport("broadcast");
    report.put("members", MEMBERS).put("telegram_permitted_per_s", TELEGRAM_PER_SECOND);
    report.put("whatsapp_permitted_per_s", WHATSAPP_PER_SECOND);
    report.put("workers", Map.of("telegram", TELEGRAM_WORKERS, "whatsapp", WHATSAPP_WORKERS));

    // ---------------------------------------------------------------- run 1: the rate
    double tgRatio;
    double waRatio;
    int duplicates1;
    try (FakeBotApi telegram = FakeBotApi.start(TOKEN);
        FakeTwilioApi twilio = FakeTwilioApi.start(SID, TWILIO_TOKEN)) {
      telegram.limits(TELEGRAM_PER_SECOND, 1, 20);
      twilio.limit(WHATSAPP_PER_SECOND);
      try (AppProcess app = AppProcess.start(one, args(telegram, twilio))) {
        AdminClient admin = admin(app);
        createPartnership(admin);
        List<Long> idle = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          idle.add(replyMs(app, telegram, i));
        }
        Instant drafting = Instant.now();
        String id = draft(admin);
        // Timed from the confirm: the draft (its preview reads every member) is the author's
        // step, not the sending.
        Instant start = Instant.now();
        confirm(admin, id);
        // While the broadcast goes out: how long does a person's command wait for its reply?
        while (telegram.sent().size() < MEMBERS / 8) {
          Thread.sleep(20);
        }
        List<Long> busy = new ArrayList<>();
        for (int i = 3; i < 10; i++) {
          busy.add(replyMs(app, telegram, i));
        }
        report.put("reply_ms_idle", idle).put("reply_ms_during_broadcast", busy);
        waitDone(admin, id);
        List<FakeBotApi.Sent> tg =
            telegram.sent().stream().filter(x -> x.chatId() < FIRST_OTHER_CHAT).toList();
        List<FakeTwilioApi.Created> wa = twilio.created();
        double tgSeconds = seconds(start, tg.get(tg.size() - 1).at());
        double waSeconds = seconds(start, wa.get(wa.size() - 1).at());
        tgRatio = tg.size() / tgSeconds / TELEGRAM_PER_SECOND;
        waRatio = wa.size() / waSeconds / WHATSAPP_PER_SECOND;
        duplicates1 = telegram.duplicates() + duplicatesOf(wa);
        JsonNode r = AdminClient.json(admin.get(path(id)));
        report
            .put("run1_draft_ms", Duration.between(drafting, start).toMillis())
            .put(
                "run1_telegram_first_accept_ms", Duration.between(start, tg.get(0).at()).toMillis())
            .put(
                "run1_whatsapp_first_accept_ms", Duration.between(start, wa.get(0).at()).toMillis())
            .put("run1_telegram_sent", tg.size())
            .put("run1_telegram_s", round(tgSeconds))
            .put("run1_telegram_ratio", round(tgRatio))
            .put("run1_telegram_429", telegram.tooManyRequests())
            .put("run1_whatsapp_sent", wa.size())
            .put("run1_whatsapp_s", round(waSeconds))
            .put("run1_whatsapp_ratio", round(waRatio))
            .put("run1_whatsapp_429", twilio.tooManyRequests())
            .put("run1_duplicates", duplicates1)
            .put("run1_counts", r.get("counts").toString());
        app.stop();
      }
    }

    // ---------------------------------------------------------------- run 2: a kill -9
    int duplicates2;
    int lost;
    int unknown;
    int unknownReached;
    int unknownNotReached;
    int resentAfterKill = 0;
    int receivedAtKill;
    try (FakeBotApi telegram = FakeBotApi.start(TOKEN);
        FakeTwilioApi twilio = FakeTwilioApi.start(SID, TWILIO_TOKEN)) {
      telegram.limits(TELEGRAM_PER_SECOND, 1, 20);
      twilio.limit(WHATSAPP_PER_SECOND);
      String id;
      Set<String> atKill;
      try (AppProcess app = AppProcess.start(two, args(telegram, twilio))) {
        AdminClient admin = admin(app);
        createPartnership(admin);
        id = draft(admin);
        confirm(admin, id);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (telegram.sent().size() + twilio.created().size() < MEMBERS * 4 / 10
            && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        app.kill();
        atKill = received(telegram, twilio).keySet();
        receivedAtKill = atKill.size();
      }
      try (AppProcess app = AppProcess.start(two, args(telegram, twilio))) {
        waitDone(admin(app), id);
        app.stop();
      }
      Map<String, Integer> received = received(telegram, twilio);
      duplicates2 = telegram.duplicates() + duplicatesOf(twilio.created());
      for (var e : received.entrySet()) {
        if (e.getValue() > 1 && atKill.contains(e.getKey())) {
          resentAfterKill++;
        }
      }
      // Every recipient's final state, from the store, against what the fakes received.
      lost = 0;
      unknown = 0;
      unknownReached = 0;
      Map<String, Integer> states = new HashMap<>();
      try (StoreFiles store = StoreFiles.open(two)) {
        Map<String, String> addressOf = new HashMap<>();
        for (Document c : store.database().getCollection("contacts").find()) {
          addressOf.put(c.getString("memberId"), c.getString("_id"));
        }
        for (Document r :
            store.database().getCollection("broadcast_recipients").find(new Document("b", id))) {
          String state = r.getString("state");
          states.merge(state, 1, Integer::sum);
          String who = key(addressOf.get(r.getString("member")));
          int got = received.getOrDefault(who, 0);
          boolean settledAsSent = state.equals("sent") || state.equals("delivered");
          if (state.equals("queued") || (settledAsSent && got == 0)) {
            lost++;
          }
          if (state.equals("unknown")) {
            unknown++;
            if (atKill.contains(who)) {
              unknownReached++;
            }
          }
        }
      }
      unknownNotReached = unknown - unknownReached;
      report
          .put("run2_received_at_kill", receivedAtKill)
          .put("run2_states", states)
          .put("run2_duplicates", duplicates2)
          .put("run2_resent_after_kill", resentAfterKill)
          .put("run2_lost", lost)
          .put("run2_unknown", unknown)
          .put("run2_unknown_reached_a_fake", unknownReached)
          .put("run2_unknown_never_sent", unknownNotReached);
    }
    int threads = TELEGRAM_WORKERS + WHATSAPP_WORKERS;
    boolean pass =
        tgRatio >= 0.95
            && waRatio >= 0.95
            && duplicates1 == 0
            && duplicates2 == 0
            && resentAfterKill == 0
            && lost == 0
            && unknownNotReached <= threads;
    report.finish(
        pass,
        "ratio >= 0.95 per channel, 0 duplicates, 0 lost, unknown only in flight at the kill",
        String.format(
            Locale.ROOT,
            "run 1: telegram %.3f, whatsapp %.3f of the permitted rate, %d duplicates | run 2"
                + " (kill -9 after %d received): %d duplicates, %d lost, %d unknown (%d had reached"
                + " a fake, %d had not, at most %d sender threads)",
            tgRatio,
            waRatio,
            duplicates1,
            receivedAtKill,
            duplicates2,
            lost,
            unknown,
            unknownReached,
            unknownNotReached,
            threads));
  }

  /** Half the members on Telegram, half on WhatsApp, all joined and active, written directly. */
  private static void seed(Path dir) {
    Date now = new Date();
    try (StoreFiles store = StoreFiles.open(dir)) {
      List<Document> members = new ArrayList<>();
      List<Document> contacts = new ArrayList<>();
      for (int i = 0; i < MEMBERS; i++) {
        String id = String.format(Locale.ROOT, "m%06d", i);
        boolean telegram = i % 2 == 0;
        String address = telegram ? String.valueOf(FIRST_CHAT + i) : "+" + (FIRST_NUMBER + i);
        String contact = (telegram ? "telegram:" : "whatsapp:") + address;
        members.add(
            new Document("_id", id)
                .append("name", "Member " + i)
                .append("language", "en")
                .append("timezone", "Africa/Nairobi")
                .append("status", "ACTIVE")
                .append(
                    "memberships",
                    List.of(
                        new Document("partnership", SLUG)
                            .append("organisation", i % 4 < 2 ? "north" : "south")
                            .append("role", "peer")))
                .append("coordinator", false)
                .append("contacts", List.of(contact))
                .append("consentVersion", "consent@r1")
                .append("consentAt", now)
                .append("createdAt", now));
        contacts.add(
            new Document("_id", contact)
                .append("channel", telegram ? "telegram" : "whatsapp")
                .append("address", address)
                .append("language", "en")
                .append("status", "ACTIVE")
                .append("consent", "GIVEN")
                .append("consentVersion", "consent@r1")
                .append("consentAt", now)
                .append("createdAt", now)
                .append("memberId", id));
        if (members.size() == 1_000) {
          store.database().getCollection("members").insertMany(members);
          store.database().getCollection("contacts").insertMany(contacts);
          members.clear();
          contacts.clear();
        }
      }
      for (int i = 0; i < 10; i++) {
        String id = String.format(Locale.ROOT, "x%03d", i);
        String contact = "telegram:" + (FIRST_OTHER_CHAT + i);
        members.add(
            new Document("_id", id)
                .append("name", "Other " + i)
                .append("language", "en")
                .append("timezone", "Africa/Nairobi")
                .append("status", "ACTIVE")
                .append(
                    "memberships",
                    List.of(
                        new Document("partnership", "other")
                            .append("organisation", "north")
                            .append("role", "peer")))
                .append("coordinator", false)
                .append("contacts", List.of(contact))
                .append("consentVersion", "consent@r1")
                .append("consentAt", now)
                .append("createdAt", now));
        contacts.add(
            new Document("_id", contact)
                .append("channel", "telegram")
                .append("address", String.valueOf(FIRST_OTHER_CHAT + i))
                .append("language", "en")
                .append("status", "ACTIVE")
                .append("consent", "GIVEN")
                .append("consentVersion", "consent@r1")
                .append("consentAt", now)
                .append("createdAt", now)
                .append("memberId", id));
      }
      if (!members.isEmpty()) {
        store.database().getCollection("members").insertMany(members);
        store.database().getCollection("contacts").insertMany(contacts);
      }
    }
  }

  private static String[] args(FakeBotApi telegram, FakeTwilioApi twilio) {
    return new String[] {
      "--peerloop.admin-token=" + AdminClient.TOKEN,
      "--peerloop.demo=false",
      "--peerloop.scheduler.jobs=false",
      "--peerloop.public-url=https://bench.invalid",
      "--peerloop.telegram.token=" + TOKEN,
      "--peerloop.telegram.api-url=" + telegram.url(),
      "--peerloop.telegram.mode=webhook",
      "--peerloop.telegram.webhook-secret=bench-secret",
      "--peerloop.telegram.leader-menus-delay=3600000",
      "--peerloop.twilio.account-sid=" + SID,
      "--peerloop.twilio.auth-token=" + TWILIO_TOKEN,
      "--peerloop.twilio.from=whatsapp:+14155238886",
      "--peerloop.twilio.api-url=" + twilio.url(),
      "--peerloop.whatsapp.templates.key-message.en=" + KEY_MESSAGE,
      "--peerloop.outbox.channels.telegram.per-second=" + TELEGRAM_PER_SECOND,
      "--peerloop.outbox.channels.telegram.per-chat-per-second=1",
      "--peerloop.outbox.channels.telegram.workers=" + TELEGRAM_WORKERS,
      "--peerloop.outbox.channels.whatsapp.per-second=" + WHATSAPP_PER_SECOND,
      "--peerloop.outbox.channels.whatsapp.workers=" + WHATSAPP_WORKERS,
      "--spring.autoconfigure.exclude=org.peerloop.bot.store.FilterAuditAutoConfiguration",
    };
  }

  /**
   * Milliseconds from a person's {@code /help} (a Telegram webhook) to its reply at the fake: the
   * people asking are in another partnership, so nothing of the broadcast is queued for them.
   */
  private static long replyMs(AppProcess app, FakeBotApi telegram, int n) throws Exception {
    long chat = FIRST_OTHER_CHAT + n;
    int before = telegram.sentTo(chat).size();
    String update = telegram.textUpdate(900_000 + n, chat, chat, "/help").toString();
    long start = System.nanoTime();
    HttpResponse<String> r =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(app.baseUrl() + "/webhooks/telegram"))
                    .header("Content-Type", "application/json")
                    .header("X-Telegram-Bot-Api-Secret-Token", "bench-secret")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(update))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("webhook: " + r.statusCode() + " " + r.body());
    }
    long deadline = start + Duration.ofSeconds(30).toNanos();
    while (telegram.sentTo(chat).size() == before && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static AdminClient admin(AppProcess app) {
    return new AdminClient(Integer.parseInt(app.baseUrl().replaceAll(".*:", "")));
  }

  private static void createPartnership(AdminClient admin) throws Exception {
    HttpResponse<String> r =
        admin.post(
            "/api/v1/partnerships",
            "{\"slug\": \""
                + SLUG
                + "\", \"name\": \"Bench Network\", \"timezone\": \"Africa/Nairobi\","
                + " \"language\": \"en\", \"organisations\": [{\"slug\": \"north\", \"name\":"
                + " \"North\"}, {\"slug\": \"south\", \"name\": \"South\"}]}");
    if (r.statusCode() != 201 && r.statusCode() != 409) {
      throw new IllegalStateException("partnership: " + r.statusCode() + " " + r.body());
    }
  }

  private static String draft(AdminClient admin) throws Exception {
    HttpResponse<String> draft =
        admin.post(
            path(null), "{\"text\": \"Bench key message: the annual review is on 3 December.\"}");
    if (draft.statusCode() != 201) {
      throw new IllegalStateException("draft: " + draft.statusCode() + " " + draft.body());
    }
    return AdminClient.json(draft).get("id").asText();
  }

  private static void confirm(AdminClient admin, String id) throws Exception {
    HttpResponse<String> confirm = admin.post(path(id) + "/confirm", "");
    if (confirm.statusCode() != 202) {
      throw new IllegalStateException("confirm: " + confirm.statusCode() + " " + confirm.body());
    }
  }

  private static String path(String id) {
    return "/api/v1/partnerships/" + SLUG + "/broadcasts" + (id == null ? "" : "/" + id);
  }

  private static void waitDone(AdminClient admin, String id) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode r = AdminClient.json(admin.get(path(id)));
      if (r.get("state").asText().equals("done")) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the broadcast did not finish in " + TIMEOUT);
  }

  /** How often each recipient got the broadcast: telegram:chat or whatsapp:+number. */
  private static Map<String, Integer> received(FakeBotApi telegram, FakeTwilioApi twilio) {
    Map<String, Integer> out = new HashMap<>();
    for (FakeBotApi.Sent s : telegram.sent()) {
      out.merge("telegram:" + s.chatId(), 1, Integer::sum);
    }
    for (FakeTwilioApi.Created c : twilio.created()) {
      out.merge(c.to(), 1, Integer::sum);
    }
    return out;
  }

  private static String key(String contactId) {
    return contactId == null ? "?" : contactId;
  }

  private static int duplicatesOf(List<FakeTwilioApi.Created> created) {
    Set<String> seen = new HashSet<>();
    int dup = 0;
    for (FakeTwilioApi.Created c : created) {
      if (!seen.add(c.to())) {
        dup++;
      }
    }
    return dup;
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
