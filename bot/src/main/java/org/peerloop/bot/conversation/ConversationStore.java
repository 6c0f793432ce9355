package org.peerloop.bot.conversation;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.peerloop.bot.config.PeerLoopProperties;
import org.peerloop.bot.outbox.SourceCheck;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Conversations keyed by contact id; read and replaced whole, by id only. */
@Component
class ConversationStore implements SourceCheck {

  static final String COLLECTION = "conversations";

  private static final int CACHED = 20_000;

  private final MongoCollection<Document> conversations;
  private final Map<String, Conversation> cache;

  /**
   * With the embedded store, this process is the only writer of conversations, and every read and
   * write of one person's conversation happens under that person's lock: the last saved state can
   * be kept in memory (write-through), saving a read per message. With a MongoDB URI nothing is
   * cached, so several instances stay correct.
   */
  ConversationStore(MongoTemplate mongo, PeerLoopProperties properties) {
    this.conversations = mongo.getCollection(COLLECTION);
    this.cache =
        properties.embedded()
            ? Collections.synchronizedMap(
                new LinkedHashMap<>(1024, 0.75f, true) {
                  @Override
                  protected boolean removeEldestEntry(Map.Entry<String, Conversation> eldest) {
                    return size() > CACHED;
                  }
                })
            : null;
  }

  Conversation find(String contactId) {
    Conversation cached = cache == null ? null : cache.get(contactId);
    if (cached != null) {
      return cached;
    }
    Conversation read = read(contactId);
    if (cache != null) {
      cache.put(contactId, read);
    }
    return read;
  }

  private Conversation read(String contactId) {
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
        d.getList("recent", String.class, List.of()),
        wake == null ? null : wake.toInstant(),
        d.getString("partnership"),
        d.getString("period"),
        d.getString("subject"));
  }

  void save(Conversation c) {
    Document d =
        new Document("_id", c.contactId())
            .append("session", SessionDocuments.toDocument(c.session()))
            .append("runId", c.runId())
            .append("runStartedAt", c.runStartedAt() == null ? null : Date.from(c.runStartedAt()))
            .append("recent", c.recent())
            .append("wakeAt", c.wakeAt() == null ? null : Date.from(c.wakeAt()))
            .append("partnership", c.partnership())
            .append("period", c.period())
            .append("subject", c.subject());
    try {
      conversations.replaceOne(eq("_id", c.contactId()), d, new ReplaceOptions().upsert(true));
    } catch (RuntimeException e) {
      if (cache != null) {
        cache.remove(c.contactId()); // unknown whether it landed: read it again next time
      }
      throw e;
    }
    if (cache != null) {
      cache.put(c.contactId(), c);
    }
  }

  /** Drops the cached conversation of an erased contact. */
  void forget(String contactId) {
    if (cache != null) {
      cache.remove(contactId);
    }
  }

  @Override
  public boolean committed(String contactId, String source) {
    return Optional.of(find(contactId)).map(c -> c.seen(source)).orElse(false);
  }
}
