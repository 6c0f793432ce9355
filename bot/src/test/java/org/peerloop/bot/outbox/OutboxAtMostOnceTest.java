package org.peerloop.bot.outbox;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerloop.bot.contact.ContactStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * At-most-once messages (broadcasts): claimed durably before they go, never sent again after a
 * crash in flight (recorded {@code unknown}), not retried after a failure that may have reached the
 * person, retried after one that surely did not, and stopped by a gate (a cancelled broadcast).
 */
@SpringBootTest(
    properties = {
      "peerloop.store.memory=true",
      "peerloop.outbox.retry-base=10ms",
      "peerloop.outbox.channels.once.workers=2"
    })
class OutboxAtMostOnceTest extends OutboxRecords {

  @TestConfiguration
  static class Parts {
    @Bean
    ScriptedSender once() {
      return new ScriptedSender("once");
    }

    @Bean
    Heard heard() {
      return new Heard();
    }

    @Bean
    SendGate cancelled() {
      return m -> m.id().contains("cancelled") ? "broadcast cancelled" : null;
    }
  }

  static final class Heard implements DeliveryListener {
    final List<Delivery> all = new CopyOnWriteArrayList<>();

    @Override
    public void finished(List<Delivery> batch) {
      all.addAll(batch);
    }

    Delivery of(String id) {
      return all.stream().filter(d -> d.messageId().equals(id)).findFirst().orElse(null);
    }
  }

  @Autowired Outbox outbox;
  @Autowired ContactStore contacts;
  @Autowired ScriptedSender once;
  @Autowired Heard heard;

  String run;
  Recipient ann;

  @BeforeEach
  void newRun() {
    run = UUID.randomUUID().toString().substring(0, 8);
    String address = run + "-ann";
    contacts.create("once", address, "en", Instant.now());
    ann = new Recipient("once:" + address, "once", address);
  }

  OutboundMessage message(String name) {
    return new OutboundMessage(
        run + "-" + name,
        ann,
        "key message " + name,
        List.of(),
        Priority.BULK,
        null,
        Instant.now(),
        null,
        true);
  }

  @Test
  void theClaimIsStoredBeforeTheSendAndTheListenerHearsThePlatformId() {
    OutboundMessage m = message("a");
    AtomicReference<Document> atSend = new AtomicReference<>();
    once.script(
        m.id(),
        x -> {
          atSend.set(pendingEntry(x));
          return new SendResult.Sent("tg-42");
        });

    outbox.send(List.of(m));

    assertThat(finalState(m).getString("state")).isEqualTo("sent");
    assertThat(atSend.get()).isNotNull();
    assertThat(atSend.get().getDate("claimedAt")).isNotNull();
    assertThat(atSend.get().getBoolean("once")).isTrue();
    Delivery d = waiting().until(() -> heard.of(m.id()), x -> x != null);
    assertThat(d.state()).isEqualTo(FinalState.SENT);
    assertThat(d.platformId()).isEqualTo("tg-42");
    assertThat(d.to()).isEqualTo(ann);
  }

  @Test
  void aSendCutShortByACrashIsUnknownAndNeverRepeated() {
    OutboundMessage inFlight = message("in-flight");
    OutboundMessage notStarted = message("not-started");
    outbox.enqueue(List.of(inFlight, notStarted));
    // What a kill -9 leaves: the claim was durable, the send's record never written.
    mongo
        .getCollection(OutboxStore.PENDING)
        .updateOne(
            eq("_id", inFlight.id()),
            new Document("$set", new Document("claimedAt", Date.from(Instant.now()))));

    outbox.recover();

    Document unknown = finalState(inFlight);
    assertThat(unknown.getString("state")).isEqualTo("unknown");
    assertThat(unknown.getString("reason")).contains("stopped while it was being sent");
    assertThat(finalState(notStarted).getString("state")).isEqualTo("sent");
    waiting().during(Duration.ofMillis(200)).until(() -> once.calls(inFlight.id()).isEmpty());
    assertThat(once.calls(notStarted.id())).hasSize(1);
    assertThat(heard.of(inFlight.id()).state()).isEqualTo(FinalState.UNKNOWN);

    // Released again later (a resumed broadcast): it has a final state, so it stays unsent.
    List<OutboundMessage> released = outbox.sendUnfinished(List.of(inFlight, notStarted));
    assertThat(released).isEmpty();
    waiting().during(Duration.ofMillis(200)).until(() -> once.calls(inFlight.id()).isEmpty());
  }

  @Test
  void aFailureThatMayHaveArrivedIsNotRetried() {
    OutboundMessage m = message("timeout");
    once.script(
        m.id(), ScriptedSender.answer(new SendResult.RetryLater(Duration.ZERO, "502 Bad Gateway")));

    outbox.send(List.of(m));

    Document entry = finalState(m);
    assertThat(entry.getString("state")).isEqualTo("unknown");
    assertThat(entry.getString("reason")).contains("502 Bad Gateway");
    waiting().during(Duration.ofMillis(200)).until(() -> once.calls(m.id()).size() == 1);
  }

  @Test
  void aRefusalIsRetriedUnderTheSameClaim() {
    OutboundMessage m = message("rate-limited");
    once.script(
        m.id(),
        ScriptedSender.answer(new SendResult.RetryLater(Duration.ofMillis(20), "429", true)),
        ScriptedSender.answer(new SendResult.RetryLater(Duration.ZERO, "refused", true)));

    outbox.send(List.of(m));

    assertThat(finalState(m).getString("state")).isEqualTo("sent");
    assertThat(once.calls(m.id())).hasSize(3);
  }

  @Test
  void aGateStopsTheMessageBeforeItIsClaimed() {
    OutboundMessage m = message("cancelled");

    outbox.send(List.of(m));

    Document entry = finalState(m);
    assertThat(entry.getString("state")).isEqualTo("skipped");
    assertThat(entry.getString("reason")).isEqualTo("broadcast cancelled");
    assertThat(once.calls(m.id())).isEmpty();
  }

  @Test
  void aMessageAnotherSenderClaimedIsLeftAlone() {
    OutboundMessage m = message("taken");
    outbox.enqueue(List.of(m));
    mongo
        .getCollection(OutboxStore.PENDING)
        .updateOne(
            eq("_id", m.id()),
            new Document("$set", new Document("claimedAt", Date.from(Instant.now()))));

    outbox.release(List.of(m));

    waiting().during(Duration.ofMillis(300)).until(() -> once.calls(m.id()).isEmpty());
    assertThat(logEntry(m)).isNull();
    assertThat(pendingEntry(m)).isNotNull();
    assertThat(outbox.queued()).isZero();
  }

  @Test
  void anAtLeastOnceMessageIsStillRetriedAfterAnAmbiguousFailure() {
    OutboundMessage m =
        new OutboundMessage(
            run + "-reply", ann, "reply", List.of(), Priority.INTERACTIVE, null, Instant.now());
    once.script(
        m.id(), ScriptedSender.answer(new SendResult.RetryLater(Duration.ZERO, "502 Bad Gateway")));

    outbox.send(List.of(m));

    assertThat(finalState(m).getString("state")).isEqualTo("sent");
    assertThat(once.calls(m.id())).hasSize(2);
    assertThat(logEntry(m).containsKey("claimedAt")).isFalse();
  }
}
