package org.peerloop.bot.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** What Telegram's refusals do to our sends: 429 bursts, blocked people, groups moving. */
@SpringBootTest(
    properties = {
      "peerloop.store.memory=true",
      "peerloop.contacts.self-enrolling=web,telegram",
      "peerloop.outbox.channels.telegram.per-chat-per-second=50",
      "peerloop.outbox.retry-base=50ms",
    })
class TelegramSendingTest extends TelegramCheckinTestBase {

  static final FakeBotApi FAKE = startFake();

  @DynamicPropertySource
  static void telegram(DynamicPropertyRegistry r) {
    r.add("peerloop.telegram.token", () -> TOKEN);
    r.add("peerloop.telegram.api-url", FAKE::url);
  }

  @AfterEach
  void clear() {
    FAKE.clearFailures();
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
  void aBurstOf429sIsWaitedOutWithNothingLostOrRepeated() throws Exception {
    Person p = new Person();
    FAKE.failNext("sendMessage", 6, 429, "Too Many Requests: retry after 1", 1);
    p.text("hi");
    p.await("I am PeerLoop");
    p.await("Is that OK");
    assertThat(p.all()).hasSize(2); // each once, in order
    assertThat(FAKE.duplicates()).isZero();
  }

  @Test
  void aPersonWhoBlockedTheBotIsStoppedAndNotWrittenToAgain() throws Exception {
    Person p = new Person();
    consentAndStart(p);
    FAKE.failChat(p.chat, 403, "Forbidden: bot was blocked by the user");
    p.text("7");

    Document contact = awaitStatus("telegram:" + p.chat, "STOPPED");
    assertThat(contact.getString("status")).isEqualTo("STOPPED");
    int attempts = sendAttempts(p.chat);
    // Writing while stopped earns one reminder a day of how to start again (a last word, which
    // the stop flag does not swallow), and nothing after it.
    p.text("yes");
    p.text("still there?");
    Thread.sleep(500);
    assertThat(sendAttempts(p.chat)).isEqualTo(attempts + 1);
  }

  @Test
  void aCommandInAGroupIsAnsweredThereWithALinkToThePrivateChat() throws Exception {
    long group = -1_000_000_000_501L;
    FAKE.enqueue(FAKE.groupTextUpdate(900_001, group, 42, "/checkin@PeerLoopTestBot"));
    FakeBotApi.Sent answer = awaitSent(group);
    assertThat(answer.text()).contains("https://t.me/PeerLoopTestBot");
    assertThat(answer.replyMarkup()).isNull(); // no answer buttons in a group
    // Group chatter is neither answered nor kept.
    FAKE.enqueue(FAKE.groupTextUpdate(900_002, group, 42, "my trust score is 3"));
    Thread.sleep(500);
    assertThat(FAKE.sentTo(group)).hasSize(1);
  }

  @Test
  void aGroupThatBecameASupergroupIsFollowed() throws Exception {
    long group = -4001;
    long supergroup = -1_000_000_004_001L;
    FAKE.migrateGroup(group, supergroup);
    FAKE.enqueue(FAKE.groupTextUpdate(900_101, group, 43, "/help@PeerLoopTestBot"));
    FakeBotApi.Sent answer = awaitSent(supergroup);
    assertThat(answer.text()).contains("t.me/PeerLoopTestBot");
    assertThat(FAKE.sentTo(group)).isEmpty();
  }

  private int sendAttempts(long chat) {
    return (int)
        FAKE.calls("sendMessage").stream()
            .filter(c -> c.params().path("chat_id").asText().equals(String.valueOf(chat)))
            .count();
  }

  private FakeBotApi.Sent awaitSent(long chat) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (FAKE.sentTo(chat).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(FAKE.sentTo(chat)).isNotEmpty();
    return FAKE.sentTo(chat).get(0);
  }

  private Document awaitStatus(String id, String status) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    Document d = null;
    while (System.nanoTime() < deadline) {
      d = mongo.getCollection("contacts").find(new Document("_id", id)).first();
      if (d != null && status.equals(d.getString("status"))) {
        return d;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("contact " + id + " never became " + status + ": " + d);
  }
}
