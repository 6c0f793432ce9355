package org.peerloop.bot.conversation;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerloop.bot.contact.Consent;
import org.peerloop.bot.contact.ContactStore;
import org.peerloop.bot.outbox.ChannelSender;
import org.peerloop.bot.outbox.OutboundMessage;
import org.peerloop.bot.outbox.SendResult;
import org.peerloop.bot.testing.MutableClock;
import org.peerloop.bot.testing.WriteCounter;
import org.peerloop.content.engine.Input;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;

@SpringBootTest(
    properties = {
      "peerloop.store.memory=true",
      "peerloop.scheduler.jobs=false",
      "peerloop.contacts.self-enrolling=chat"
    })
class ConversationServiceTest {

  static final Instant START = Instant.parse("2026-11-23T08:00:00Z");

  @TestConfiguration
  static class Fakes {
    @Bean
    @Primary
    MutableClock testClock() {
      return new MutableClock(START);
    }

    @Bean
    WriteCounter writeCounter() {
      return new WriteCounter();
    }

    @Bean
    MongoClientSettingsBuilderCustomizer countWrites(WriteCounter counter) {
      return b -> b.addCommandListener(counter);
    }

    /** A channel where strangers are not enrolled by writing (as on Telegram and WhatsApp). */
    @Bean
    Recorder phone() {
      return new Recorder("phone");
    }

    /** A channel where writing enrols, like the simulator. */
    @Bean
    Recorder chat() {
      return new Recorder("chat");
    }
  }

  static final class Recorder implements ChannelSender {
    final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();
    final String channel;

    Recorder(String channel) {
      this.channel = channel;
    }

    @Override
    public String channel() {
      return channel;
    }

    @Override
    public SendResult send(OutboundMessage message) {
      sent.add(message);
      return new SendResult.Sent(message.id());
    }
  }

  @Autowired ConversationService service;
  @Autowired ContactStore contacts;
  @Autowired MongoTemplate mongo;
  @Autowired MutableClock clock;
  @Autowired WriteCounter writes;
  @Autowired Recorder phone;
  @Autowired Recorder chat;
  @Autowired org.peerloop.scheduler.DueWork poller;

  private String user;
  private int ids;

  @BeforeEach
  void newPerson() {
    user = "p" + System.nanoTime();
  }

  private Receipt send(String text) {
    return service.receive(
        new InboundMessage("chat", user, "m" + (++ids), new Input.Text(text), clock.instant()));
  }

  private Receipt tap(String payload) {
    return service.receive(
        new InboundMessage("chat", user, "m" + (++ids), new Input.Tap(payload), clock.instant()));
  }

  /** The bot's messages to this person so far, in order, once the outbox has sent them. */
  private List<String> botSaid(int atLeast) {
    List<String> texts = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> {
              texts.clear();
              chat.sent.stream()
                  .filter(m -> m.to().address().equals(user))
                  .forEach(m -> texts.add(m.text()));
              return texts.size() >= atLeast;
            });
    return texts;
  }

  private void consent() {
    send("hello");
    tap("consent.agree:yes");
  }

  @Test
  void aNewcomerIsAskedForConsentAndWhatTheyWroteBeforeItIsNotKept() {
    assertThat(send("my secret budget figure is 4711")).isEqualTo(Receipt.PROCESSED);

    assertThat(botSaid(2).get(1)).contains("Is that OK with you?");
    String stored =
        mongo.getCollection("contacts").find(eq("_id", "chat:" + user)).first().toJson()
            + mongo.getCollection("conversations").find(eq("_id", "chat:" + user)).first().toJson();
    assertThat(stored).doesNotContain("4711").doesNotContain("secret");
    assertThat(contacts.find("chat:" + user).orElseThrow().consent()).isEqualTo(Consent.NONE);
  }

  @Test
  void consentIsRecordedWithItsVersionAndTime() {
    Instant now = clock.instant();
    consent();

    var contact = contacts.find("chat:" + user).orElseThrow();
    assertThat(contact.consent()).isEqualTo(Consent.GIVEN);
    assertThat(contact.consentVersion()).isEqualTo("consent@r1");
    assertThat(contact.consentAt()).isEqualTo(now);
    assertThat(botSaid(3).get(2)).contains("/checkin");
  }

  @Test
  void decliningKeepsOnlyTheDecisionAndAskingAgainIsPossible() {
    send("hello");
    tap("consent.agree:no");

    assertThat(contacts.find("chat:" + user).orElseThrow().consent()).isEqualTo(Consent.DECLINED);
    assertThat(botSaid(3).get(2)).contains("kept nothing");
    send("hi again");
    assertThat(botSaid(5).get(4)).contains("Is that OK with you?");
  }

  @Test
  void aCompletedCheckinIsStoredOnceWithItsAnswers() {
    consent();
    send("/checkin");
    send("7/10");
    send("no");
    send("We drafted the joint workplan.");

    Document response =
        mongo
            .getCollection("responses")
            .find(eq("_id", "chat:" + user + "|checkin@chat:m3"))
            .first();
    assertThat(response).isNotNull();
    assertThat(response.getString("status")).isEqualTo("completed");
    assertThat(response.getList("answers", List.class))
        .containsExactly(
            List.of("progress", "7"),
            List.of("contact", "no"),
            List.of("change", "We drafted the joint workplan."));
    assertThat(botSaid(8).get(7)).contains("See you next week");
  }

  @Test
  void aRedeliveredMessageIsDroppedAndChangesNothing() {
    consent();
    send("/checkin");
    InboundMessage answer =
        new InboundMessage("chat", user, "same-id", new Input.Text("8"), clock.instant());

    assertThat(service.receive(answer)).isEqualTo(Receipt.PROCESSED);
    int said = botSaid(6).size();
    assertThat(service.receive(answer)).isEqualTo(Receipt.DUPLICATE);

    Document conversation =
        mongo.getCollection("conversations").find(eq("_id", "chat:" + user)).first();
    assertThat(conversation.get("session", Document.class).getString("step")).isEqualTo("contact");
    assertThat(botSaid(said)).hasSize(said);
  }

  @Test
  void aReplyCostsAtMostThreeWritesOnTheHotPath() {
    consent();
    send("/checkin");

    writes.watchThisThread();
    send("6");
    List<String> midFlow = writes.writes();
    send("yes");
    writes.watchThisThread();
    send("Nothing new this week.");
    List<String> lastAnswer = writes.writes();

    assertThat(midFlow).hasSizeLessThanOrEqualTo(3).doesNotContain("update due_buckets");
    assertThat(lastAnswer).hasSizeLessThanOrEqualTo(3).contains("insert responses");
  }

  @Test
  void remindersAndExpiryComeAsDueWork() {
    consent();
    send("/checkin");
    String run = "chat:" + user + "|checkin@chat:m3";

    int before = botSaid(5).size();

    // the check-in reminds after 24 h and, for the last time, after 72 h; it expires after 5 days
    clock.advance(Duration.ofHours(24).plusMinutes(2));
    poller.poll();
    List<String> reminded = botSaid(before + 1);
    assertThat(reminded.get(before)).contains("reminder").doesNotContain("last reminder");

    clock.advance(Duration.ofHours(48));
    poller.poll();
    List<String> remindedAgain = botSaid(reminded.size() + 1);
    assertThat(remindedAgain.get(reminded.size())).contains("last reminder");

    clock.advance(Duration.ofDays(2));
    poller.poll();
    List<String> expired = botSaid(remindedAgain.size() + 1);
    assertThat(expired.get(expired.size() - 1)).contains("closed");
    Document response = mongo.getCollection("responses").find(eq("_id", run)).first();
    assertThat(response.getString("status")).isEqualTo("expired");
  }

  @Test
  void anAnswerThatMovesTheReminderLaterIsRefiledWhenTheEarlierBucketFires() {
    consent();
    send("/checkin");
    int before = botSaid(5).size();

    clock.advance(Duration.ofHours(10));
    send("4"); // the next question's reminder is now 10 hours later than the first one's
    int afterAnswer = botSaid(before + 1).size();
    clock.advance(Duration.ofHours(14).plusMinutes(2));
    poller.poll(); // the first bucket: nothing is due yet
    assertThat(botSaid(afterAnswer)).hasSize(afterAnswer);

    clock.advance(Duration.ofHours(10));
    poller.poll();
    List<String> said = botSaid(afterAnswer + 1);
    assertThat(said.get(afterAnswer)).contains("reminder");
  }

  @Test
  void startingACheckinDuringOneClosesTheFirstAsCancelled() {
    consent();
    send("/checkin");
    send("5");
    send("/checkin");

    Document first =
        mongo
            .getCollection("responses")
            .find(eq("_id", "chat:" + user + "|checkin@chat:m3"))
            .first();
    assertThat(first.getString("status")).isEqualTo("cancelled");
    assertThat(first.getList("answers", List.class)).containsExactly(List.of("progress", "5"));
  }

  @Test
  void commandsAndIdleMessagesGetHelpfulAnswers() {
    consent();
    send("/help");
    send("/frobnicate");
    send("just chatting");

    List<String> said = botSaid(6);
    assertThat(said.get(3)).contains("/checkin").contains("/help");
    assertThat(said.get(4)).contains("do not know that command");
    assertThat(said.get(5)).contains("nothing to answer");
  }

  @Test
  void strangersOnOtherChannelsGetOneHintADayAndNothingIsStored() {
    String stranger = "2547" + (System.nanoTime() % 100000000);
    InboundMessage first =
        new InboundMessage("phone", stranger, "a1", new Input.Text("hi"), clock.instant());
    InboundMessage second =
        new InboundMessage("phone", stranger, "a2", new Input.Text("hello?"), clock.instant());

    assertThat(service.receive(first)).isEqualTo(Receipt.HINTED);
    assertThat(service.receive(second)).isEqualTo(Receipt.IGNORED);
    clock.advance(Duration.ofHours(25));
    InboundMessage later =
        new InboundMessage("phone", stranger, "a3", new Input.Text("hey"), clock.instant());
    assertThat(service.receive(later)).isEqualTo(Receipt.HINTED);

    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> phone.sent.stream().filter(m -> m.to().address().equals(stranger)).count() == 2);
    assertThat(contacts.find("phone:" + stranger)).isEmpty();
    assertThat(mongo.getCollection("conversations").find(eq("_id", "phone:" + stranger)).first())
        .isNull();
  }

  @Test
  void aStoppedPersonGetsNothing() {
    consent();
    contacts.stop("chat:" + user);

    assertThat(send("/checkin")).isEqualTo(Receipt.IGNORED);
    service.startFlow("chat:" + user, "checkin", null, "test");
    assertThat(
            mongo
                .getCollection("conversations")
                .find(eq("_id", "chat:" + user))
                .first()
                .get("session"))
        .isNull();
  }
}
