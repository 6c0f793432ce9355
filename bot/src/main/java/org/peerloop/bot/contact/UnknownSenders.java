package org.peerloop.bot.contact;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * People (and bots) we do not know get at most one onboarding hint a day; everything else they send
 * is dropped unread, so strangers cannot cost money or start a loop between two bots. Only the
 * identity and the time of the last hint are kept.
 */
@Component
public class UnknownSenders {

  static final String COLLECTION = "unknown_senders";
  static final Duration HINT_EVERY = Duration.ofHours(24);

  private final MongoCollection<Document> hints;

  UnknownSenders(MongoTemplate mongo) {
    this.hints = mongo.getCollection(COLLECTION);
  }

  /**
   * True when this identity may be sent a hint now (and records that it was). Callers serialise per
   * identity, so a read then a write is enough; a message inside the day writes nothing.
   */
  public boolean mayHint(String identity, Instant now) {
    Document last = hints.find(eq("_id", identity)).first();
    if (last != null && last.getDate("hintedAt").toInstant().isAfter(now.minus(HINT_EVERY))) {
      return false;
    }
    hints.replaceOne(
        eq("_id", identity),
        new Document("_id", identity).append("hintedAt", Date.from(now)),
        new ReplaceOptions().upsert(true));
    return true;
  }
}
