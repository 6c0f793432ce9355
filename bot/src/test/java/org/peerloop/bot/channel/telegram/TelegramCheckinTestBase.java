package org.peerloop.bot.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.peerloop.bot.people.InviteStore;
import org.peerloop.bot.people.Organisation;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.PartnershipStore;
import org.peerloop.bot.people.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A person completes the weekly check-in in Telegram, against the fake Bot API over HTTP, the way a
 * phone would: text, button taps on the messages the bot sent, a typed answer to a question with
 * buttons. Subclasses deliver updates by polling or by webhook.
 */
abstract class TelegramCheckinTestBase {

  static final String TOKEN = "123456:TEST-token";
  private static final AtomicLong CHATS = new AtomicLong(5_000_000);
  private static final AtomicLong UPDATES = new AtomicLong(1);

  @Autowired MongoTemplate mongo;

  /** Each test class starts its own fake before its Spring context, which is pointed at it. */
  static FakeBotApi startFake() {
    try {
      return FakeBotApi.start(TOKEN);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  abstract FakeBotApi fake();

  /** Hands one update to the app as Telegram would in this mode. */
  abstract void deliver(ObjectNode update) throws Exception;

  final class Person {
    final long chat = CHATS.incrementAndGet();
    long checkin; // the update that started the check-in: it names the run
    private int seen;

    long text(String text) throws Exception {
      long id = UPDATES.incrementAndGet();
      deliver(fake().textUpdate(id, chat, chat, text));
      return id;
    }

    long tap(int messageId, String data) throws Exception {
      long id = UPDATES.incrementAndGet();
      deliver(fake().callbackUpdate(id, chat, chat, messageId, data));
      return id;
    }

    /** The next message the bot sends this person that contains {@code fragment}. */
    FakeBotApi.Sent await(String fragment) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline) {
        List<FakeBotApi.Sent> all = fake().sentTo(chat);
        for (int i = seen; i < all.size(); i++) {
          if (all.get(i).text() != null && all.get(i).text().contains(fragment)) {
            seen = i + 1;
            return all.get(i);
          }
        }
        Thread.sleep(20);
      }
      throw new AssertionError(
          "bot never said '" + fragment + "' to " + chat + "; it said " + fake().sentTo(chat));
    }

    List<FakeBotApi.Sent> all() {
      return fake().sentTo(chat);
    }
  }

  /** Consent, then /checkin: answers the message carrying the progress question. */
  FakeBotApi.Sent consentAndStart(Person p) throws Exception {
    p.text("hi");
    FakeBotApi.Sent consent = p.await("Is that OK");
    assertThat(consent.replyMarkup()).contains("consent.agree:yes");
    p.tap(consent.messageId(), "consent.agree:yes");
    p.await("/checkin whenever");
    p.checkin = p.text("/checkin");
    return p.await("how far");
  }

  @Autowired PartnershipStore partnerships;
  @Autowired InviteStore invites;

  @Test
  void aPersonJoinsWithTheDeepLinkCodeAndConsents() throws Exception {
    String slug = "tg-" + CHATS.incrementAndGet();
    Instant now = Instant.now();
    partnerships.create(
        new Partnership(
            slug,
            "Lake Twins",
            "Africa/Kampala",
            "en",
            List.of(new Organisation("east", "East Town"), new Organisation("west", "West Town")),
            List.of(),
            null,
            List.of(),
            now));
    String code = invites.create(slug, "west", Role.PEER, 5, null, null, now).code();
    Person p = new Person();

    p.text("/start " + code); // what a t.me/<bot>?start=CODE link sends
    p.tap(p.await("Which language").messageId(), "welcome.language:en");
    p.await("what name");
    p.text("Amina");
    p.tap(p.await("West Town").messageId(), "join.organisation:yes");
    p.tap(p.await("Africa/Kampala").messageId(), "join.timezone:yes");
    p.tap(p.await("go ahead").messageId(), "join.agree:yes");
    p.await("Welcome aboard, Amina");

    Document contact =
        mongo.getCollection("contacts").find(new Document("_id", "telegram:" + p.chat)).first();
    assertThat(contact.getString("consentVersion")).isEqualTo("join@r1");
    assertThat(contact.getString("memberId")).startsWith("m-");
  }

  @Test
  void aPersonCompletesTheCheckinWithButtonsAndText() throws Exception {
    Person p = new Person();
    FakeBotApi.Sent progress = consentAndStart(p);
    // 0–10 as a compact keyboard: two rows of short buttons, not eleven rows.
    assertThat(progress.replyMarkup())
        .contains("checkin.progress:0")
        .contains("checkin.progress:10");
    assertThat(rows(progress.replyMarkup())).isLessThanOrEqualTo(3);

    p.tap(progress.messageId(), "checkin.progress:7");
    FakeBotApi.Sent contact = p.await("talk with");
    p.text("yes"); // typed, though the question has buttons
    p.await("What changed");
    p.text("The county adopted the shared budget template.");
    p.await("See you next week");

    Document response =
        mongo
            .getCollection("responses")
            .find(new Document("_id", "telegram:" + p.chat + "|checkin@telegram:" + p.checkin))
            .first();
    assertThat(response).isNotNull();
    assertThat(response.getString("status")).isEqualTo("completed");
    assertThat(response.getList("answers", List.class))
        .containsExactly(
            List.of("progress", "7"),
            List.of("contact", "yes"),
            List.of("change", "The county adopted the shared budget template."));

    // Every tap was answered, and every answered keyboard taken away.
    awaitCalls("answerCallbackQuery", 2);
    awaitEdited(p.chat, progress.messageId());
    awaitEdited(p.chat, contact.messageId());
  }

  @Test
  void anOldButtonIsAnsweredAsMovedOnAndChangesNothing() throws Exception {
    Person p = new Person();
    FakeBotApi.Sent progress = consentAndStart(p);
    p.tap(progress.messageId(), "checkin.progress:7");
    p.await("talk with");
    int before = fake().calls("answerCallbackQuery").size();

    p.tap(progress.messageId(), "checkin.progress:2"); // the old rating question, again
    p.await("moved on");

    awaitCalls("answerCallbackQuery", before + 1);
    FakeBotApi.Call answer =
        fake().calls("answerCallbackQuery").get(fake().calls("answerCallbackQuery").size() - 1);
    assertThat(answer.params().path("text").asText()).isEqualTo("This question has moved on.");
    // Still on the second question: a "yes" goes on to the third.
    p.text("yes");
    p.await("What changed");
  }

  @Test
  void aTamperedButtonIsRefusedPolitely() throws Exception {
    Person p = new Person();
    FakeBotApi.Sent progress = consentAndStart(p);
    p.tap(progress.messageId(), "{\"$where\":\"sleep(1000)\"}");
    p.await("moved on");
    p.tap(progress.messageId(), "checkin.progress:4");
    p.await("talk with");
  }

  static int rows(String replyMarkup) {
    return replyMarkup.split("\\],\\[", -1).length;
  }

  void awaitCalls(String method, int atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (fake().calls(method).size() < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(fake().calls(method)).hasSizeGreaterThanOrEqualTo(atLeast);
  }

  void awaitEdited(long chat, int messageId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      boolean done =
          fake().calls("editMessageReplyMarkup").stream()
              .anyMatch(
                  c ->
                      c.params().path("chat_id").asText().equals(String.valueOf(chat))
                          && c.params().path("message_id").asInt() == messageId);
      if (done) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("keyboard of message " + messageId + " in " + chat + " not removed");
  }
}
