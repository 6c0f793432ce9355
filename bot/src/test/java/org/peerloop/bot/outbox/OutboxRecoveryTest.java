package org.peerloop.bot.outbox;

import static com.mongodb.client.model.Filters.eq;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerloop.bot.contact.ContactStore;
import org.peerloop.content.engine.Button;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Recovery at start: what a crash left in the pending set is sent when its cause was committed (the
 * real {@code ConversationStore} answers from the conversation's recent keys) and dropped when it
 * was not. The pending messages are stored with {@link Outbox#enqueue} and never released, as after
 * a crash between the outbox write and the release.
 */
@SpringBootTest(
    properties = {
      "peerloop.store.memory=true",
      "peerloop.outbox.retry-base=10ms",
      "peerloop.outbox.channels.fake.workers=2"
    })
class OutboxRecoveryTest extends OutboxRecords {

  @TestConfiguration
  static class Channels {
    @Bean
    ScriptedSender fake() {
      return new ScriptedSender("fake");
    }
  }

  @Autowired Outbox outbox;
  @Autowired ContactStore contacts;
  @Autowired ScriptedSender fake;
  @Autowired Attachments attachments;

  String run;

  @BeforeEach
  void newRun() {
    run = UUID.randomUUID().toString().substring(0, 8);
  }

  Recipient contact(String name) {
    String address = run + "-" + name;
    contacts.create("fake", address, "en", Instant.now());
    return new Recipient("fake:" + address, "fake", address);
  }

  OutboundMessage message(String name, Recipient to, String source) {
    return new OutboundMessage(
        run + "-" + name,
        to,
        "text " + name,
        List.of(),
        Priority.INTERACTIVE,
        source,
        Instant.now());
  }

  /** What the conversation store writes when a step is committed: its key among the recent. */
  void committed(Recipient who, String... sources) {
    mongo
        .getCollection("conversations")
        .insertOne(new Document("_id", who.contactId()).append("recent", List.of(sources)));
  }

  @Test
  void committedCausesAreSentAndUncommittedOnesDropped() {
    Recipient ann = contact("ann");
    Recipient bob = contact("bob");
    String step1 = run + "|in-1";
    String step2 = run + "|in-2";
    committed(ann, run + "|in-0", step1);
    // Two replies of a committed step, one of a step that never committed, one with no cause.
    OutboundMessage reply1 = message("reply1", ann, step1);
    OutboundMessage reply2 = message("reply2", ann, step1);
    OutboundMessage lost = message("lost", ann, step2);
    OutboundMessage hint = message("hint", ann, null);
    // Bob has no conversation at all: nothing of his was committed.
    OutboundMessage bobs = message("bobs", bob, run + "|in-7");
    List<OutboundMessage> all = List.of(reply1, reply2, lost, hint, bobs);
    outbox.enqueue(all);
    all.forEach(m -> assertThat(pendingEntry(m)).as(m.id()).isNotNull());

    outbox.recover();

    for (OutboundMessage m : List.of(reply1, reply2, hint)) {
      Document entry = finalState(m);
      assertThat(entry.getString("state")).as(m.id()).isEqualTo("sent");
      assertThat(entry.getInteger("attempts")).as(m.id()).isEqualTo(1);
    }
    for (OutboundMessage m : List.of(lost, bobs)) {
      assertThat(pendingEntry(m)).as("%s is dropped", m.id()).isNull();
    }
    waiting()
        .during(Duration.ofMillis(200))
        .until(() -> fake.calls(lost.id()).isEmpty() && fake.calls(bobs.id()).isEmpty());
    assertThat(logEntry(lost)).isNull();
    assertThat(logEntry(bobs)).isNull();
    assertThat(fake.calls(reply1.id())).hasSize(1);
    assertThat(fake.calls(reply2.id())).hasSize(1);
    waiting().until(() -> outbox.queued() == 0);
  }

  @Test
  void aDroppedMessageIsSentWhenItsCauseIsReplayedAndCommitted() {
    Recipient ann = contact("ann");
    String step = run + "|in-1";
    OutboundMessage reply = message("reply", ann, step);
    outbox.enqueue(List.of(reply));

    outbox.recover();
    waiting().until(() -> pendingEntry(reply) == null);

    // The platform redelivers the cause; the step runs again and produces the same id.
    committed(ann, step);
    outbox.send(List.of(message("reply", ann, step)));

    assertThat(finalState(reply).getString("state")).isEqualTo("sent");
    assertThat(fake.calls(reply.id())).hasSize(1);
  }

  @Test
  void aMessageRecordedButNotYetRemovedIsNotSentAgain() {
    // The crash came after the final state was written and before the pending entry was removed.
    Recipient ann = contact("ann");
    OutboundMessage m = message("done", ann, null);
    outbox.enqueue(List.of(m));
    mongo
        .getCollection(OutboxStore.LOG)
        .insertOne(
            OutboxDocuments.toDocument(m)
                .append("state", "sent")
                .append("reason", null)
                .append("attempts", 1)
                .append("finishedAt", new Date()));

    outbox.recover();

    waiting().until(() -> pendingEntry(m) == null);
    waiting().during(Duration.ofMillis(200)).until(() -> fake.calls(m.id()).isEmpty());
    assertThat(logEntry(m).getString("state")).isEqualTo("sent");
    waiting().until(() -> outbox.queued() == 0);
  }

  @Test
  void aRecoveredMessageForAContactWhoStoppedMeanwhileIsSkipped() {
    Recipient ann = contact("ann");
    String step = run + "|in-1";
    committed(ann, step);
    OutboundMessage m = message("late", ann, step);
    outbox.enqueue(List.of(m));
    contacts.stop(ann.contactId());

    outbox.recover();

    Document entry = finalState(m);
    assertThat(entry.getString("state")).isEqualTo("skipped");
    assertThat(entry.getString("reason")).isEqualTo("contact stopped");
    assertThat(fake.calls(m.id())).isEmpty();
  }

  @Test
  void pendingMessagesSurviveAsDocumentsUntilRecovery() {
    // What recovery reads back is what was stored: buttons, priority, source and all.
    Recipient ann = contact("ann");
    OutboundMessage m =
        new OutboundMessage(
            run + "-full",
            ann,
            "Pick",
            List.of(new Button("A", "a")),
            Priority.BULK,
            null,
            Instant.parse("2026-01-02T03:04:05.678Z"));

    assertThat(OutboxDocuments.fromDocument(OutboxDocuments.toDocument(m))).isEqualTo(m);
    outbox.enqueue(List.of(m));
    assertThat(OutboxDocuments.fromDocument(pendingEntry(m))).isEqualTo(m);
    mongo.getCollection(OutboxStore.PENDING).deleteOne(eq("_id", m.id()));
  }

  @Test
  void anAttachmentSurvivesAsPartOfItsDocumentAndAnOlderDocumentHasNone() {
    Recipient ann = contact("ann");
    Attachment file = new Attachment("AAAAAAAAAAAAAAAA/BBBBBBBBBBBBBBBBBBBBBB", "d.json", "a/b");
    OutboundMessage m =
        new OutboundMessage(
            run + "-file",
            ann,
            "Your data",
            List.of(),
            Priority.INTERACTIVE,
            null,
            Instant.parse("2026-01-02T03:04:05.678Z"),
            file);

    Document stored = OutboxDocuments.toDocument(m);
    assertThat(OutboxDocuments.fromDocument(stored)).isEqualTo(m);
    // Written before attachments existed (or a text message today): no field, no attachment.
    stored.remove("attachment");
    assertThat(OutboxDocuments.fromDocument(stored).attachment()).isNull();
    assertThat(OutboxDocuments.toDocument(message("plain", ann, null)))
        .doesNotContainKey("attachment");
  }

  @Test
  void aPendingMessageWithAnAttachmentIsSentWithItsFileAfterRecovery() throws Exception {
    Recipient ann = contact("ann");
    String step = run + "|in-1";
    committed(ann, step);
    Attachment file =
        attachments.put(
            ann.contactId(), "my-data.json", "application/json", "{\"a\":1}".getBytes(UTF_8));
    OutboundMessage m =
        new OutboundMessage(
            run + "-export",
            ann,
            "Everything we keep about you",
            List.of(),
            Priority.INTERACTIVE,
            step,
            Instant.now().truncatedTo(ChronoUnit.MILLIS), // what a stored date holds
            file);
    List<OutboundMessage> seen = new CopyOnWriteArrayList<>();
    fake.script(
        m.id(),
        sent -> {
          seen.add(sent);
          return new SendResult.Sent("p1");
        });
    outbox.enqueue(List.of(m)); // and the app stops before releasing it

    outbox.recover();

    assertThat(finalState(m).getString("state")).isEqualTo("sent");
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0)).as("read back from the store, file and all").isEqualTo(m);
    assertThat(Files.readString(attachments.open(seen.get(0).attachment()).orElseThrow()))
        .isEqualTo("{\"a\":1}");
  }
}
