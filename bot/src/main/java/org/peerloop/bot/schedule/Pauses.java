package org.peerloop.bot.schedule;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * When a member's pause ends, by member id. The pause itself is the member's status; this only says
 * until when. The first nudge due after that moment resumes them.
 */
@Component
public class Pauses {

  static final String COLLECTION = "pauses";

  private final MongoCollection<Document> pauses;

  Pauses(MongoTemplate mongo) {
    this.pauses = mongo.getCollection(COLLECTION);
  }

  public void until(String memberId, Instant until) {
    pauses.replaceOne(
        eq("_id", memberId),
        new Document("_id", memberId).append("until", Date.from(until)),
        new ReplaceOptions().upsert(true));
  }

  public Optional<Instant> until(String memberId) {
    Document d = pauses.find(eq("_id", memberId)).first();
    return d == null ? Optional.empty() : Optional.of(d.getDate("until").toInstant());
  }

  public void clear(String memberId) {
    pauses.deleteOne(eq("_id", memberId));
  }
}
