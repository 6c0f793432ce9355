package org.peerloop.bot.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The check-in over the signed webhook, and what forged or broken requests get. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "peerloop.store.memory=true",
      "peerloop.contacts.self-enrolling=web,telegram",
      "peerloop.outbox.channels.telegram.per-chat-per-second=50",
      "peerloop.public-url=https://bot.example.org/",
      "peerloop.telegram.mode=webhook",
      "peerloop.telegram.webhook-secret=" + TelegramWebhookTest.SECRET,
    })
class TelegramWebhookTest extends TelegramCheckinTestBase {

  static final String SECRET = "s3cret_-Token";
  static final FakeBotApi FAKE = startFake();

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void telegram(DynamicPropertyRegistry r) {
    r.add("peerloop.telegram.token", () -> TOKEN);
    r.add("peerloop.telegram.api-url", FAKE::url);
  }

  @AfterAll
  static void close() {
    FAKE.close();
  }

  @Override
  FakeBotApi fake() {
    return FAKE;
  }

  @Override
  void deliver(ObjectNode update) throws Exception {
    HttpResponse<String> r = post(update.toString(), SECRET);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private HttpResponse<String> post(String body, String secret) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/telegram"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (secret != null) {
      b.header("X-Telegram-Bot-Api-Secret-Token", secret);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theWebhookIsRegisteredWithItsSecret() throws Exception {
    awaitCalls("setWebhook", 1);
    FakeBotApi.Call call = FAKE.calls("setWebhook").get(0);
    assertThat(call.params().path("url").asText())
        .isEqualTo("https://bot.example.org/webhooks/telegram");
    assertThat(call.params().path("secret_token").asText()).isEqualTo(SECRET);
    assertThat(FAKE.calls("getUpdates")).isEmpty();
  }

  @Test
  void aForgedRequestIsRefusedAndNothingIsStored() throws Exception {
    long chat = 9_100_001;
    String update = FAKE.textUpdate(777_001, chat, chat, "hi").toString();

    assertThat(post(update, null).statusCode()).isEqualTo(403);
    assertThat(post(update, "wrong").statusCode()).isEqualTo(403);
    assertThat(post(update, SECRET + "x").statusCode()).isEqualTo(403);

    Thread.sleep(300);
    assertThat(mongo.getCollection("contacts").find(new Document("_id", "telegram:" + chat)))
        .isEmpty();
    assertThat(FAKE.sentTo(chat)).isEmpty();
  }

  @Test
  void malformedBodiesGet400WithoutAStackTrace() throws Exception {
    for (String body : new String[] {"{not json", "[]", "{\"message\":{}}", "", "\u0000\u0001"}) {
      HttpResponse<String> r = post(body, SECRET);
      assertThat(r.statusCode()).as(body).isEqualTo(400);
      assertThat(r.body()).doesNotContain("Exception").doesNotContain("at org.");
    }
  }

  @Test
  void aRedeliveredUpdateIsHandledOnce() throws Exception {
    Person p = new Person();
    ObjectNode hi = FAKE.textUpdate(888_001, p.chat, p.chat, "hi");
    deliver(hi);
    p.await("Is that OK");
    int said = p.all().size();
    deliver(hi); // Telegram retries when it did not see our 200
    Thread.sleep(500);
    assertThat(p.all()).hasSize(said);
    assertThat(p.all().get(0).text()).startsWith("Hi friend,"); // never the chat id as a name
  }
}
