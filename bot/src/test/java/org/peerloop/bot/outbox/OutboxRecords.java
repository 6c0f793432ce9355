package org.peerloop.bot.outbox;

import static com.mongodb.client.model.Filters.eq;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.awaitility.core.ConditionFactory;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/** What the outbox tests read back from the store: a message's pending entry and final state. */
abstract class OutboxRecords {

  @Autowired MongoTemplate mongo;

  Document logEntry(OutboundMessage m) {
    return mongo.getCollection(OutboxStore.LOG).find(eq("_id", m.id())).first();
  }

  Document pendingEntry(OutboundMessage m) {
    return mongo.getCollection(OutboxStore.PENDING).find(eq("_id", m.id())).first();
  }

  static ConditionFactory waiting() {
    return await()
        .atMost(Duration.ofSeconds(5))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(10));
  }

  /** Waits for the message's final state and checks it left the pending set. */
  Document finalState(OutboundMessage m) {
    Document entry = waiting().until(() -> logEntry(m), e -> e != null);
    waiting().until(() -> pendingEntry(m) == null);
    return entry;
  }
}
