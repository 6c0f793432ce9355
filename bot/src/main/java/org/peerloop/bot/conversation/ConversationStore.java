package org.peerloop.bot.conversation;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.peerloop.bot.outbox.SourceCheck;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Conversations keyed by contact id; read and replaced whole, by id only. */
@Component
class ConversationStore implements SourceCheck {

  static final String COLLECTION = "conversations";

  private final MongoCollection<Document> conversations;

  ConversationStore(MongoTemplate mongo) {
    this.conversations = mongo.getCollection(COLLECTION);
  }

  Conversation find(String contactId) {
    Document d = conversations.find(eq("_id", contactId)).first();
    if (d == null) {
      return Conversation.empty(contactId);
    }
    Date started = d.getDate("runStartedAt");
    Date wake = d.getDate("wakeAt");
    return new Conversation(
        contactId,
        SessionDocuments.fromDocument(d.get("session", Document.class)),
        d.getString("runId"),
        started == null ? null : started.toInstant(),
        d.getList("recent", String.class, java.util.List.of()),
        wake == null ? null : wake.toInstant());
  }

  void save(Conversation c) {
    Document d =
        new Document("_id", c.contactId())
            .append("session", SessionDocuments.toDocument(c.session()))
            .append("runId", c.runId())
            .append("runStartedAt", c.runStartedAt() == null ? null : Date.from(c.runStartedAt()))
            .append("recent", c.recent())
            .append("wakeAt", c.wakeAt() == null ? null : Date.from(c.wakeAt()));
    conversations.replaceOne(eq("_id", c.contactId()), d, new ReplaceOptions().upsert(true));
  }

  @Override
  public boolean committed(String contactId, String source) {
    return Optional.of(find(contactId)).map(c -> c.seen(source)).orElse(false);
  }
}
