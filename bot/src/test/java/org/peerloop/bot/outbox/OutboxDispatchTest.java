package org.peerloop.bot.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerloop.bot.outbox.ScriptedSender.answer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerloop.bot.contact.ContactStore;
import org.peerloop.content.engine.Button;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The outbox end to end on the real (in-memory) store: messages go in through {@link Outbox#send},
 * scripted channels answer, and the final state is read back from {@code outbox_log}.
 */
@SpringBootTest(
    properties = {
      "peerloop.store.memory=true",
      "peerloop.outbox.retry-base=10ms",
      "peerloop.outbox.retry-max=1s",
      "peerloop.outbox.max-attempts=4",
      "peerloop.outbox.channels.fake.workers=3",
      "peerloop.outbox.channels.slow.per-second=10",
      "peerloop.outbox.channels.slow.workers=1",
      "peerloop.outbox.channels.paced.per-chat-per-second=5",
      "peerloop.outbox.channels.paced.workers=2"
    })
class OutboxDispatchTest extends OutboxRecords {

  static final long MS = 1_000_000L;

  @TestConfiguration
  static class Channels {
    /** Unlimited rate, three sender threads. */
    @Bean
    ScriptedSender fake() {
      return new ScriptedSender("fake");
    }

    /** 10 messages a second overall, one sender thread. */
    @Bean
    ScriptedSender slow() {
      return new ScriptedSender("slow");
    }

    /** 5 messages a second per chat, no overall limit. */
    @Bean
    ScriptedSender paced() {
      return new ScriptedSender("paced");
    }
  }

  @Autowired Outbox outbox;
  @Autowired ContactStore contacts;
  @Autowired ScriptedSender fake;
  @Autowired ScriptedSender slow;
  @Autowired ScriptedSender paced;

  /** Keeps ids and addresses of one test apart from every other test's. */
  String run;

  @BeforeEach
  void newRun() {
    run = UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void nothingLeftInMemory() {
    waiting().until(() -> outbox.queued() == 0);
  }

  // --- helpers ---------------------------------------------------------------------------------

  String id(String name) {
    return run + "-" + name;
  }

  String address(String name) {
    return run + "-" + name;
  }

  /** Creates an active contact on {@code channel} and answers who to send to. */
  Recipient contact(String channel, String name) {
    contacts.create(channel, address(name), "en", Instant.now());
    return new Recipient(channel + ":" + address(name), channel, address(name));
  }

  OutboundMessage message(String name, Recipient to, Priority priority) {
    return new OutboundMessage(
        id(name), to, "text " + name, List.of(), priority, null, Instant.now());
  }

  OutboundMessage message(String name, Recipient to) {
    return message(name, to, Priority.INTERACTIVE);
  }

  void send(OutboundMessage... messages) {
    outbox.send(List.of(messages));
  }

  static void assertState(Document entry, String state, String reason, int attempts) {
    assertThat(entry.getString("state")).as("state").isEqualTo(state);
    assertThat(entry.getString("reason")).as("reason").isEqualTo(reason);
    assertThat(entry.getInteger("attempts")).as("attempts").isEqualTo(attempts);
  }

  /** Asserts that the sender's calls for {@code m} stay at {@code n} for a while. */
  static void assertCallsStay(ScriptedSender sender, OutboundMessage m, int n) {
    waiting().during(Duration.ofMillis(200)).until(() -> sender.calls(m.id()).size() == n);
  }

  // --- final states ----------------------------------------------------------------------------

  @Test
  void aSentMessageIsLoggedAsSentAndLeavesThePendingSet() {
    Recipient ann = contact("fake", "ann");
    OutboundMessage m =
        new OutboundMessage(
            id("hello"),
            ann,
            "Hello Ann",
            List.of(new Button("Yes", "yes"), new Button("No", "no")),
            Priority.INTERACTIVE,
            null,
            Instant.now());

    send(m);

    Document entry = finalState(m);
    assertState(entry, "sent", null, 1);
    assertThat(entry.getString("contact")).isEqualTo(ann.contactId());
    assertThat(entry.getDate("finishedAt")).isNotNull();
    assertThat(fake.calls(m.id())).hasSize(1);
    assertCallsStay(fake, m, 1);
  }

  @Test
  void theSenderGetsTheMessageAsItWasStored() {
    Recipient ann = contact("fake", "ann");
    List<OutboundMessage> seen = new ArrayList<>();
    OutboundMessage m =
        new OutboundMessage(
            id("buttons"),
            ann,
            "Pick one",
            List.of(new Button("Yes", "yes"), new Button("No", "no")),
            Priority.BULK,
            null,
            Instant.now());
    fake.script(
        m.id(),
        sent -> {
          seen.add(sent);
          return new SendResult.Sent("p1");
        });

    send(m);

    finalState(m);
    assertThat(seen).hasSize(1);
    OutboundMessage got = seen.get(0);
    assertThat(got.to()).isEqualTo(ann);
    assertThat(got.text()).isEqualTo("Pick one");
    assertThat(got.buttons()).containsExactly(new Button("Yes", "yes"), new Button("No", "no"));
    assertThat(got.priority()).isEqualTo(Priority.BULK);
  }

  @Test
  void aChatsMessagesAreSentInTheOrderTheyWereQueued() {
    Recipient ann = contact("fake", "ann");
    List<OutboundMessage> messages = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      messages.add(message("m" + i, ann));
    }
    // The first one needs a second try: the others must wait for it.
    fake.script(
        messages.get(0).id(),
        answer(new SendResult.RetryLater(Duration.ZERO, "503 from platform")));

    outbox.send(messages);

    messages.forEach(m -> assertState(finalState(m), "sent", null, m == messages.get(0) ? 2 : 1));
    assertThat(fake.ids().stream().filter(i -> i.startsWith(run)).toList())
        .containsExactly(id("m0"), id("m0"), id("m1"), id("m2"), id("m3"), id("m4"), id("m5"));
  }

  @Test
  void aTransientFailureIsRetriedAndThenSent() {
    OutboundMessage m = message("flaky", contact("fake", "ann"));
    fake.script(m.id(), answer(new SendResult.RetryLater(Duration.ZERO, "503 from platform")));

    send(m);

    assertState(finalState(m), "sent", null, 2);
    List<ScriptedSender.Call> calls = fake.calls(m.id());
    assertThat(calls).hasSize(2);
    assertThat(calls.get(1).at() - calls.get(0).at())
        .as("waited at least the retry base")
        .isGreaterThanOrEqualTo(10 * MS);
  }

  @Test
  void thePlatformsRetryAfterIsHonoured() {
    OutboundMessage m = message("limited", contact("fake", "ann"));
    fake.script(m.id(), answer(new SendResult.RetryLater(Duration.ofMillis(300), "429")));

    send(m);

    assertState(finalState(m), "sent", null, 2);
    List<ScriptedSender.Call> calls = fake.calls(m.id());
    assertThat(calls.get(1).at() - calls.get(0).at())
        .as("the retry base is 10 ms, the platform asked for 300")
        .isGreaterThanOrEqualTo(300 * MS);
  }

  @Test
  void backoffDoublesFromTheRetryBase() {
    OutboundMessage m = message("backoff", contact("fake", "ann"));
    SendResult busy = new SendResult.RetryLater(Duration.ZERO, "503");
    fake.script(m.id(), answer(busy), answer(busy), answer(busy));

    send(m);

    assertState(finalState(m), "sent", null, 4);
    List<ScriptedSender.Call> calls = fake.calls(m.id());
    assertThat(calls).hasSize(4);
    assertThat(calls.get(1).at() - calls.get(0).at()).isGreaterThanOrEqualTo(10 * MS);
    assertThat(calls.get(2).at() - calls.get(1).at()).isGreaterThanOrEqualTo(20 * MS);
    assertThat(calls.get(3).at() - calls.get(2).at()).isGreaterThanOrEqualTo(40 * MS);
  }

  @Test
  void aPermanentFailureKeepsItsReasonAndIsNotRetried() {
    OutboundMessage m = message("bad", contact("fake", "ann"));
    fake.script(m.id(), answer(new SendResult.Failed("400 chat not found")));

    send(m);

    assertState(finalState(m), "failed", "400 chat not found", 1);
    assertCallsStay(fake, m, 1);
  }

  @Test
  void aMessageThatKeepsFailingTransientlyIsGivenUpAfterMaxAttempts() {
    OutboundMessage m = message("hopeless", contact("fake", "ann"));
    SendResult busy = new SendResult.RetryLater(Duration.ZERO, "503");
    // A fifth attempt would be answered "sent".
    fake.script(m.id(), answer(busy), answer(busy), answer(busy), answer(busy));

    send(m);

    assertState(finalState(m), "failed", "gave up after 4 attempts: 503", 4);
    assertCallsStay(fake, m, 4);
  }

  @Test
  void aSenderThatThrowsIsTreatedAsATransientFailure() {
    OutboundMessage m = message("throws", contact("fake", "ann"));
    fake.script(
        m.id(),
        x -> {
          throw new IllegalStateException("connection reset");
        });

    send(m);

    assertState(finalState(m), "sent", null, 2);
  }

  @Test
  void aSenderThatAlwaysThrowsIsGivenUpWithTheExceptionAsReason() {
    OutboundMessage m = message("always-throws", contact("fake", "ann"));
    java.util.function.Function<OutboundMessage, SendResult> boom =
        x -> {
          throw new IllegalStateException("connection reset");
        };
    fake.script(m.id(), boom, boom, boom, boom);

    send(m);

    Document entry = finalState(m);
    assertThat(entry.getString("state")).isEqualTo("failed");
    assertThat(entry.getString("reason"))
        .startsWith("gave up after 4 attempts: ")
        .contains("connection reset");
    assertThat(entry.getInteger("attempts")).isEqualTo(4);
  }

  @Test
  void aMessageForAChannelWithNoSenderFails() {
    OutboundMessage m = message("nowhere", new Recipient("nowhere:x", "nowhere", "x"));

    send(m);

    assertState(finalState(m), "failed", "channel nowhere is not configured", 0);
  }

  // --- stopped people --------------------------------------------------------------------------

  @Test
  void aStoppedContactIsSkippedAndTheSenderNeverCalled() {
    Recipient ann = contact("fake", "ann");
    contacts.stop(ann.contactId());
    OutboundMessage m = message("to-stopped", ann);

    send(m);

    assertState(finalState(m), "skipped", "contact stopped", 0);
    assertThat(fake.calls(m.id())).isEmpty();
  }

  @Test
  void aRecipientWhoIsGoneIsStoppedAndWhatIsQueuedForThemSkipped() throws Exception {
    Recipient ann = contact("fake", "ann");
    Recipient bob = contact("fake", "bob");
    OutboundMessage a1 = message("a1", ann);
    OutboundMessage a2 = message("a2", ann);
    OutboundMessage a3 = message("a3", ann, Priority.BULK);
    OutboundMessage b1 = message("b1", bob);
    OutboundMessage b2 = message("b2", bob);
    CountDownLatch allQueued = new CountDownLatch(1);
    fake.script(
        a1.id(),
        x -> {
          try {
            allQueued.await(2, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return new SendResult.RecipientGone("403 bot was blocked by the user");
        });

    send(a1, a2, a3, b1, b2);
    allQueued.countDown();

    assertState(finalState(a1), "skipped", "recipient gone: 403 bot was blocked by the user", 1);
    assertState(finalState(a2), "skipped", "recipient gone: 403 bot was blocked by the user", 0);
    assertState(finalState(a3), "skipped", "recipient gone: 403 bot was blocked by the user", 0);
    assertThat(contacts.find(ann.contactId()).orElseThrow().stopped()).isTrue();
    assertThat(fake.calls(a2.id())).isEmpty();
    assertThat(fake.calls(a3.id())).isEmpty();

    assertState(finalState(b1), "sent", null, 1);
    assertState(finalState(b2), "sent", null, 1);
    assertThat(contacts.find(bob.contactId()).orElseThrow().stopped()).isFalse();

    // Later messages for them are skipped too, without asking the platform.
    OutboundMessage a4 = message("a4", ann);
    send(a4);
    assertState(finalState(a4), "skipped", "contact stopped", 0);
    assertThat(fake.calls(a4.id())).isEmpty();
    assertCallsStay(fake, a1, 1);
  }

  // --- idempotency -----------------------------------------------------------------------------

  @Test
  void theSameIdSentTwiceWhilePendingIsSentOnce() {
    Recipient ann = contact("fake", "ann");
    OutboundMessage m = message("twice", ann);
    OutboundMessage replay = message("twice", ann);

    send(m);
    send(replay);

    assertState(finalState(m), "sent", null, 1);
    assertCallsStay(fake, m, 1);
  }

  @Test
  void theSameIdInOneBatchIsSentOnce() {
    Recipient ann = contact("fake", "ann");
    OutboundMessage m = message("dup", ann);

    send(m, m);

    assertState(finalState(m), "sent", null, 1);
    assertCallsStay(fake, m, 1);
  }

  @Test
  void theSameIdSentAgainAfterItWentOutIsNotSentAgain() {
    Recipient ann = contact("fake", "ann");
    OutboundMessage m = message("again", ann);
    send(m);
    assertState(finalState(m), "sent", null, 1);

    send(message("again", ann));

    assertCallsStay(fake, m, 1);
    waiting().until(() -> pendingEntry(m) == null);
    assertState(logEntry(m), "sent", null, 1);
  }

  // --- pacing and priorities -------------------------------------------------------------------

  @Test
  void interactiveRepliesOvertakeBulkWaitingForTheChannelRate() {
    // slow: 10 a second, a burst of 10. Twenty bulk messages need about a second.
    List<OutboundMessage> bulk = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      bulk.add(
          message(
              "bulk" + i,
              new Recipient("slow:" + address("p" + i), "slow", address("p" + i)),
              Priority.BULK));
    }
    OutboundMessage reply = message("reply", contact("slow", "r"));

    outbox.send(bulk);
    send(reply);

    bulk.forEach(m -> assertState(finalState(m), "sent", null, 1));
    assertState(finalState(reply), "sent", null, 1);
    List<String> order = slow.ids().stream().filter(i -> i.startsWith(run)).toList();
    assertThat(order).hasSize(21);
    int position = order.indexOf(reply.id());
    assertThat(position)
        .as("sent as soon as a token came, before the bulk still waiting for one: " + order)
        .isLessThanOrEqualTo(12);
  }

  @Test
  void theChannelRateComesFromTheProperties() {
    // slow: 10 a second with a burst of 10, so 15 messages need at least 0.5 s.
    List<OutboundMessage> messages = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      messages.add(
          message("m" + i, new Recipient("slow:" + address("c" + i), "slow", address("c" + i))));
    }

    outbox.send(messages);

    messages.forEach(this::finalState);
    List<ScriptedSender.Call> calls =
        slow.calls().stream().filter(c -> c.id().startsWith(run)).toList();
    assertThat(calls).hasSize(15);
    assertThat(calls.get(14).at() - calls.get(0).at()).isGreaterThanOrEqualTo(450 * MS);
  }

  @Test
  void thePerChatRateComesFromThePropertiesAndDoesNotHoldBackOtherChats() {
    // paced: 5 a second per chat, so 200 ms between two messages to the same chat.
    Recipient ann = contact("paced", "ann");
    List<OutboundMessage> toAnn =
        List.of(message("a0", ann), message("a1", ann), message("a2", ann));
    List<OutboundMessage> others = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      others.add(message("o" + i, contact("paced", "o" + i)));
    }
    List<OutboundMessage> all = new ArrayList<>(toAnn);
    all.addAll(others);

    outbox.send(all);

    all.forEach(m -> assertState(finalState(m), "sent", null, 1));
    long[] annAt = toAnn.stream().mapToLong(m -> paced.calls(m.id()).get(0).at()).toArray();
    assertThat(annAt[1] - annAt[0]).isGreaterThanOrEqualTo(200 * MS);
    assertThat(annAt[2] - annAt[1]).isGreaterThanOrEqualTo(200 * MS);
    for (OutboundMessage o : others) {
      assertThat(paced.calls(o.id()).get(0).at())
          .as("%s went while Ann's chat waited", o.id())
          .isLessThan(annAt[1]);
    }
  }

  @Test
  void theNumberOfSenderThreadsComesFromTheProperties() {
    // fake has three workers: three chats can be in a send at the same time.
    CyclicBarrier together = new CyclicBarrier(3);
    AtomicBoolean met = new AtomicBoolean(true);
    List<OutboundMessage> messages = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      OutboundMessage m = message("w" + i, contact("fake", "w" + i));
      messages.add(m);
      fake.script(
          m.id(),
          x -> {
            try {
              together.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
              met.set(false);
            }
            return new SendResult.Sent("p");
          });
    }

    outbox.send(messages);

    messages.forEach(m -> assertState(finalState(m), "sent", null, 1));
    assertThat(met).as("three sends were in flight together").isTrue();
  }
}
