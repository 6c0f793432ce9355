package org.peerloop.bot.conversation;

import com.mongodb.client.MongoCollection;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import org.bson.Document;
import org.peerloop.bot.store.DuplicateKeys;
import org.peerloop.content.engine.SessionState;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * One document per finished run of a flow (completed, expired or cancelled), with the answers
 * given. The id is the contact and the run, so a replayed step writes nothing twice.
 */
@Component
class Responses {

  static final String COLLECTION = "responses";

  private final MongoCollection<Document> responses;

  Responses(MongoTemplate mongo) {
    this.responses = mongo.getCollection(COLLECTION);
  }

  static String id(String contactId, String runId) {
    return contactId + "|" + runId;
  }

  void record(
      String contactId,
      String memberId,
      String partnership,
      String runId,
      Instant startedAt,
      SessionState end,
      Instant endedAt) {
    Document d =
        new Document("_id", id(contactId, runId))
            .append("contact", contactId)
            .append("member", memberId)
            .append("partnership", partnership)
            .append("flow", end.flowId())
            .append("revision", end.revision())
            .append("language", end.language())
            .append("status", end.status().name().toLowerCase(Locale.ROOT))
            .append("answers", SessionDocuments.pairs(end.answers()))
            .append("startedAt", startedAt == null ? null : Date.from(startedAt))
            .append("endedAt", Date.from(endedAt));
    DuplicateKeys.insertOnce(() -> responses.insertOne(d));
  }
}
