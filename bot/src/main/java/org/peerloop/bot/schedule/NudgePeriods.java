package org.peerloop.bot.schedule;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.peerloop.bot.store.DuplicateKeys;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Which scheduled nudges a member has had, one per flow and period, by key: a cadence changed
 * mid-week, or an occurrence planned again after a move, must not nudge anyone twice in a period.
 * Replays of one nudge are caught earlier (the conversation remembers the nudge's key); this is the
 * durable guard across different occurrences.
 */
@Component
class NudgePeriods {

  static final String COLLECTION = "nudge_periods";

  private final MongoCollection<Document> periods;

  NudgePeriods(MongoTemplate mongo) {
    this.periods = mongo.getCollection(COLLECTION);
  }

  static String id(String member, String partnership, String flow, String period) {
    return member + "|" + partnership + "|" + flow + "|" + period;
  }

  boolean had(String id) {
    return periods.find(eq("_id", id)).first() != null;
  }

  void record(String id, String member, Instant at) {
    DuplicateKeys.insertOnce(
        () ->
            periods.insertOne(
                new Document("_id", id).append("member", member).append("at", Date.from(at))));
  }

  List<Document> of(String member, String comment) {
    List<Document> out = new ArrayList<>();
    periods.find(eq("member", member)).comment(comment).forEach(out::add);
    return out;
  }

  void erase(String member, String comment) {
    periods.deleteMany(
        eq("member", member), new com.mongodb.client.model.DeleteOptions().comment(comment));
  }
}
