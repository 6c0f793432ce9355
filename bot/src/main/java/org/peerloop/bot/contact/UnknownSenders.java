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
   * True when this identity may be sent a reply now (and records that it was): at most {@code
   * perDay} in 24 hours from the first. Callers serialise per identity, so a read then a write is
   * enough. {@code capped} false (the simulator, which costs nothing and cannot loop) always
   * answers true and stores nothing.
   */
  public boolean mayHint(String identity, Instant now, int perDay, boolean capped) {
    if (!capped) {
      return true;
    }
    Document last = hints.find(eq("_id", identity)).first();
    boolean sameDay =
        last != null && last.getDate("hintedAt").toInstant().isAfter(now.minus(HINT_EVERY));
    int count = sameDay ? last.getInteger("count", 1) : 0;
    if (count >= perDay) {
      return false;
    }
    hints.replaceOne(
        eq("_id", identity),
        new Document("_id", identity)
            .append("hintedAt", sameDay ? last.getDate("hintedAt") : Date.from(now))
            .append("count", count + 1),
        new ReplaceOptions().upsert(true));
    return true;
  }
}
