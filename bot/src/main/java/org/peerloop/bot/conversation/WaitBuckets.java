package org.peerloop.bot.conversation;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Who has a reminder or expiry due in which minute: one document per UTC minute, keyed by it, so
 * the poller reads due work by key instead of scanning every conversation. An entry is only a hint
 * to look: the conversation itself says whether anything is still due.
 */
@Component
class WaitBuckets {

  static final String COLLECTION = "wait_buckets";

  private final MongoCollection<Document> buckets;

  WaitBuckets(MongoTemplate mongo) {
    this.buckets = mongo.getCollection(COLLECTION);
  }

  static Instant minuteOf(Instant at) {
    return at.truncatedTo(ChronoUnit.MINUTES);
  }

  void add(String contactId, Instant due) {
    buckets.updateOne(
        eq("_id", minuteOf(due).toString()),
        Updates.addToSet("contacts", contactId),
        new UpdateOptions().upsert(true));
  }

  List<String> due(Instant minute) {
    Document d = buckets.find(eq("_id", minute.toString())).first();
    return d == null ? List.of() : d.getList("contacts", String.class, List.of());
  }

  void remove(Instant minute) {
    buckets.deleteOne(eq("_id", minute.toString()));
  }
}
