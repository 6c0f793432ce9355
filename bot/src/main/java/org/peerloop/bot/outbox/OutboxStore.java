package org.peerloop.bot.outbox;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
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
  static final String CLAIMED_AT = "claimedAt";
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
    insertIgnoringDuplicates(pending, messages.stream().map(OutboxDocuments::toDocument).toList());
  }

  private static void insertIgnoringDuplicates(
      MongoCollection<Document> collection, List<Document> docs) {
    try {
      collection.insertMany(docs, new InsertManyOptions().ordered(false));
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

  /**
   * Records where messages ended and takes them off the pending set: one insert and one delete for
   * the whole batch. The log keeps who, which channel, the state and why — not the text, which a
   * report does not need and the store would re-serialise on every commit.
   */
  void finishAll(List<Recorder.Entry> entries, Instant at) {
    if (entries.isEmpty()) {
      return;
    }
    List<Document> docs = new ArrayList<>(entries.size());
    List<String> ids = new ArrayList<>(entries.size());
    for (Recorder.Entry e : entries) {
      OutboundMessage m = e.message();
      ids.add(m.id());
      docs.add(
          new Document("_id", m.id())
              .append("contact", m.to().contactId())
              .append("channel", m.to().channel())
              .append("priority", m.priority().name())
              .append("createdAt", Date.from(m.createdAt()))
              .append("state", e.state().value())
              .append("reason", e.reason())
              .append("attempts", e.attempts())
              .append("finishedAt", Date.from(at)));
    }
    insertIgnoringDuplicates(log, docs);
    pending.deleteMany(Filters.in("_id", ids));
  }

  /** The ids among {@code ids} that already have a final state. */
  Set<String> finished(List<String> ids) {
    Set<String> out = new HashSet<>();
    for (int i = 0; i < ids.size(); i += 500) {
      log.find(Filters.in("_id", ids.subList(i, Math.min(ids.size(), i + 500))))
          .projection(new Document("_id", 1))
          .forEach(d -> out.add(d.getString("_id")));
    }
    return out;
  }

  /** Drops a pending message whose cause was never committed. */
  void discard(String id) {
    pending.deleteOne(eq("_id", id));
  }

  /** A pending message, and whether an at-most-once send of it had begun. */
  record Pending(OutboundMessage message, boolean claimed) {}

  List<Pending> allPending() {
    List<Pending> out = new ArrayList<>();
    for (Document d : pending.find().comment(RECOVERY_SCAN)) {
      out.add(new Pending(OutboxDocuments.fromDocument(d), d.containsKey(CLAIMED_AT)));
    }
    return out;
  }

  /** How claiming an at-most-once message went. */
  enum Claim {
    /** Ours to send now. */
    CLAIMED,
    /** Someone began sending it already (another instance, or before a restart). */
    TAKEN,
    /** No longer pending: it finished meanwhile. */
    GONE
  }

  /**
   * Marks the pending message as being sent. Keyed by id alone and atomic, so two senders cannot
   * both claim it; the caller makes the claim durable before sending.
   */
  Claim claim(String id, Instant at) {
    Document before =
        pending.findOneAndUpdate(
            eq("_id", id),
            Updates.set(CLAIMED_AT, Date.from(at)),
            new FindOneAndUpdateOptions()
                .returnDocument(ReturnDocument.BEFORE)
                .projection(new Document(CLAIMED_AT, 1)));
    if (before == null) {
      return Claim.GONE;
    }
    return before.containsKey(CLAIMED_AT) ? Claim.TAKEN : Claim.CLAIMED;
  }

  /** Removes sent entries finished before {@code cutoff}; answers how many. */
  long deleteSentBefore(Instant cutoff) {
    return log.deleteMany(
            Filters.and(
                eq("state", FinalState.SENT.value()), Filters.lt("finishedAt", Date.from(cutoff))))
        .getDeletedCount();
  }
}
