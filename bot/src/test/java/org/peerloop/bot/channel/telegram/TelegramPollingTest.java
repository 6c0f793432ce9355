package org.peerloop.bot.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The check-in over long polling, and what polling confirms to Telegram. */
@SpringBootTest(
    properties = {
      "peerloop.store.memory=true",
      "peerloop.contacts.self-enrolling=web,telegram",
      "peerloop.outbox.channels.telegram.per-chat-per-second=50",
    })
class TelegramPollingTest extends TelegramCheckinTestBase {

  static final FakeBotApi FAKE = startFake();

  @DynamicPropertySource
  static void telegram(DynamicPropertyRegistry r) {
    r.add("peerloop.telegram.token", () -> TOKEN);
    r.add("peerloop.telegram.api-url", FAKE::url);
    r.add("peerloop.telegram.mode", () -> "polling");
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
  void deliver(ObjectNode update) {
    FAKE.enqueue(update);
  }

  @Test
  void updatesAreConfirmedOnlyAfterTheyAreHandled() throws Exception {
    Person p = new Person();
    long id = p.text("hi");
    p.await("Is that OK");
    // Confirmation is the next getUpdates' offset, which comes after the durable handling.
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (FAKE.confirmedBelow() <= id && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(FAKE.confirmedBelow()).isGreaterThan(id);
    assertThat(FAKE.pending()).isZero();
  }

  @Test
  void theCommandsMenuIsSetInEveryLanguage() throws Exception {
    awaitCalls("setMyCommands", 4);
    assertThat(FAKE.calls("setMyCommands"))
        .extracting(c -> c.params().path("language_code").asText(""))
        .contains("en", "sw", "fr", "");
    assertThat(FAKE.calls("setMyCommands").get(0).params().toString())
        .contains("checkin")
        .contains("all_private_chats");
  }
}
