package org.peerloop.bot.instruments;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The day each member last answered anything in each partnership, for /quiet. A day, not a time: it
 * must not line up with the moment an anonymous health answer was stored.
 */
@Component
class Activity {

  static final String COLLECTION = "activity";

  private final MongoCollection<Document> activity;

  Activity(MongoTemplate mongo) {
    this.activity = mongo.getCollection(COLLECTION);
  }

  static String id(String memberId, String partnership) {
    return memberId + "|" + partnership;
  }

  void answered(String memberId, String partnership, Instant at) {
    if (memberId == null || partnership == null) {
      return;
    }
    activity.updateOne(
        eq("_id", id(memberId, partnership)),
        Updates.combine(
            Updates.set("member", memberId),
            Updates.set("partnership", partnership),
            Updates.max("lastAnswered", Date.from(at.truncatedTo(ChronoUnit.DAYS)))),
        new UpdateOptions().upsert(true));
  }

  /** Last answer day by member id, for these members of one partnership. */
  Map<String, Instant> last(List<String> memberIds, String partnership) {
    List<String> ids = new ArrayList<>();
    memberIds.forEach(m -> ids.add(id(m, partnership)));
    Map<String, Instant> out = new HashMap<>();
    activity
        .find(Filters.in("_id", ids))
        .forEach(d -> out.put(d.getString("member"), d.getDate("lastAnswered").toInstant()));
    return out;
  }

  List<Document> of(String memberId) {
    List<Document> out = new ArrayList<>();
    activity
        .find(eq("member", memberId))
        .comment("scan-ok: one member's activity, for /mydata and /forget")
        .forEach(out::add);
    return out;
  }

  void erase(String memberId) {
    activity.deleteMany(eq("member", memberId));
  }
}
