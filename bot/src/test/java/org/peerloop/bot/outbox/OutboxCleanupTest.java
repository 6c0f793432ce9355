package org.peerloop.bot.outbox;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.peerloop.bot.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = "peerloop.store.memory=true")
class OutboxCleanupTest extends OutboxRecords {

  @Autowired OutboxStore store;
  @Autowired OutboxProperties properties;

  @Test
  void sentEntriesOlderThanTheKeepPeriodGoFailedAndSkippedStay() {
    Instant now = Instant.parse("2026-11-24T03:17:00Z");
    MongoCollection<Document> log = mongo.getCollection(OutboxStore.LOG);
    log.insertOne(entry("cleanup-old-sent", "sent", now.minus(Duration.ofDays(31))));
    log.insertOne(entry("cleanup-new-sent", "sent", now.minus(Duration.ofDays(29))));
    log.insertOne(entry("cleanup-old-failed", "failed", now.minus(Duration.ofDays(90))));
    log.insertOne(entry("cleanup-old-skipped", "skipped", now.minus(Duration.ofDays(90))));

    new OutboxCleanup(store, properties, new MutableClock(now)).run();

    assertThat(log.find(eq("_id", "cleanup-old-sent")).first()).isNull();
    assertThat(log.find(eq("_id", "cleanup-new-sent")).first()).isNotNull();
    assertThat(log.find(eq("_id", "cleanup-old-failed")).first()).isNotNull();
    assertThat(log.find(eq("_id", "cleanup-old-skipped")).first()).isNotNull();
  }

  private static Document entry(String id, String state, Instant finishedAt) {
    return new Document("_id", id)
        .append("state", state)
        .append("finishedAt", Date.from(finishedAt));
  }
}
