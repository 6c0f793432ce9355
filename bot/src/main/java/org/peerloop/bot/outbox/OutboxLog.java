package org.peerloop.bot.outbox;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Where messages ended, read back by id from {@code outbox_log}: what a feature that follows its
 * messages (broadcasts) uses to catch up on outcomes it missed — a {@link DeliveryListener} is told
 * in memory, after the record is durable, so a crash can come in between.
 */
@Component
public class OutboxLog {

  private final MongoCollection<Document> log;

  OutboxLog(MongoTemplate mongo) {
    this.log = mongo.getCollection(OutboxStore.LOG);
  }

  /** The recorded outcome of each of {@code ids} that has one (recipient and platform id unset). */
  public Map<String, Delivery> outcomes(List<String> ids) {
    Map<String, Delivery> out = new HashMap<>();
    for (int i = 0; i < ids.size(); i += 500) {
      log.find(Filters.in("_id", ids.subList(i, Math.min(ids.size(), i + 500))))
          .forEach(
              d ->
                  out.put(
                      d.getString("_id"),
                      new Delivery(
                          d.getString("_id"),
                          null,
                          FinalState.valueOf(
                              d.getString("state").toUpperCase(java.util.Locale.ROOT)),
                          d.getString("reason"),
                          null)));
    }
    return out;
  }
}
