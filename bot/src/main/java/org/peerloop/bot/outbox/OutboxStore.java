package org.peerloop.bot.outbox;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.peerloop.bot.store.DuplicateKeys;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code outbox} holds only what still has to go out (a small working set, read whole at recovery);
 * a message leaves it for {@code outbox_log} with its final state. Both keyed by the message's
 * deterministic id.
 */
@Component
class OutboxStore {

  static final String PENDING = "outbox";
  static final String LOG = "outbox_log";
  static final String RECOVERY_SCAN = "scan-ok: outbox recovery reads the pending set whole";

  private final MongoCollection<Document> pending;
  private final MongoCollection<Document> log;

  OutboxStore(MongoTemplate mongo) {
    this.pending = mongo.getCollection(PENDING);
    this.log = mongo.getCollection(LOG);
  }

  /** Stores the messages; ids already there (a replayed cause) are left as they are. */
  void insert(List<OutboundMessage> messages) {
    if (messages.isEmpty()) {
      return;
    }
    List<Document> docs = messages.stream().map(OutboxDocuments::toDocument).toList();
    try {
      pending.insertMany(docs, new InsertManyOptions().ordered(false));
    } catch (MongoBulkWriteException e) {
      boolean onlyDuplicates =
          e.getWriteConcernError() == null
              && e.getWriteErrors().stream()
                  .allMatch(w -> w.getCategory() == ErrorCategory.DUPLICATE_KEY);
      if (!onlyDuplicates) {
        throw e;
      }
    }
  }

  /** Records where a message ended and takes it off the pending set. */
  void finish(OutboundMessage message, FinalState state, String reason, int attempts, Instant at) {
    Document entry =
        OutboxDocuments.toDocument(message)
            .append("state", state.value())
            .append("reason", reason)
            .append("attempts", attempts)
            .append("finishedAt", Date.from(at));
    DuplicateKeys.insertOnce(() -> log.insertOne(entry));
    pending.deleteOne(eq("_id", message.id()));
  }

  /** Drops a pending message whose cause was never committed. */
  void discard(String id) {
    pending.deleteOne(eq("_id", id));
  }

  List<OutboundMessage> allPending() {
    List<OutboundMessage> out = new ArrayList<>();
    for (Document d : pending.find().comment(RECOVERY_SCAN)) {
      out.add(OutboxDocuments.fromDocument(d));
    }
    return out;
  }

  /** The final state of a message, or null while it is pending or unknown. */
  Document logEntry(String id) {
    return log.find(eq("_id", id)).first();
  }

  /** Removes sent entries finished before {@code cutoff}; answers how many. */
  long deleteSentBefore(Instant cutoff) {
    return log.deleteMany(
            Filters.and(
                eq("state", FinalState.SENT.value()), Filters.lt("finishedAt", Date.from(cutoff))))
        .getDeletedCount();
  }
}
