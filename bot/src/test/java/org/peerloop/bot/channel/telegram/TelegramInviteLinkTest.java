package org.peerloop.bot.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.peerloop.bot.testing.AdminClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** With Telegram on, invite codes come with a t.me link that starts the bot with the code. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "peerloop.store.memory=true",
      "peerloop.admin-token=" + AdminClient.TOKEN,
      "peerloop.public-url=https://bot.example.org/",
      "peerloop.telegram.mode=webhook",
      "peerloop.telegram.webhook-secret=links-secret",
    })
class TelegramInviteLinkTest {

  static final FakeBotApi FAKE = TelegramCheckinTestBase.startFake();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void telegram(DynamicPropertyRegistry r) {
    r.add("peerloop.telegram.token", () -> TelegramCheckinTestBase.TOKEN);
    r.add("peerloop.telegram.api-url", FAKE::url);
  }

  @AfterAll
  static void close() {
    FAKE.close();
  }

  @Test
  void anInviteAndAnImportedMemberGetATelegramLink() throws Exception {
    AdminClient admin = new AdminClient(port);

    HttpResponse<String> invite =
        admin.post("/api/v1/partnerships/demo/invites", "{\"organisation\": \"mto\"}");
    HttpResponse<String> imported =
        admin.postCsv(
            "/api/v1/partnerships/demo/members/import", "Neema,kijani,peer,@neema_links,sw\n");

    assertThat(invite.statusCode()).as(invite.body()).isEqualTo(201);
    JsonNode code = AdminClient.json(invite);
    assertThat(code.get("telegramLink").asString())
        .isEqualTo(
            "https://t.me/" + FakeBotApi.BOT_USERNAME + "?start=" + code.get("code").asString());
    JsonNode issued = AdminClient.json(imported).get("invites").get(0);
    assertThat(issued.get("telegramLink").asString())
        .isEqualTo(
            "https://t.me/" + FakeBotApi.BOT_USERNAME + "?start=" + issued.get("code").asString());
  }
}
