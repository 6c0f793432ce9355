package org.peerloop.bot.instruments;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Keyed counters summaries read instead of raw answers: each record stored adds its {@link Bump}s
 * with {@code $inc}, so a summary reads a handful of documents by id whatever the volume. {@link
 * #rebuild()} recomputes them all from the raw records (after a fix, or a crash between a record
 * and its increment, which leaves a rollup short by that record).
 */
@Component
public class Rollups {

  static final String COLLECTION = "rollups";
  static final String RAW_SCAN = "scan-ok: a rollup rebuild reads every raw record once";

  private final MongoCollection<Document> rollups;
  private final MongoTemplate mongo;

  Rollups(MongoTemplate mongo) {
    this.mongo = mongo;
    this.rollups = mongo.getCollection(COLLECTION);
  }

  void add(List<Bump> bumps, long sign) {
    for (Bump b : bumps) {
      List<Bson> updates = new ArrayList<>();
      b.labels().forEach((k, v) -> updates.add(Updates.set(k, v)));
      b.counters().forEach((k, v) -> updates.add(Updates.inc(k, sign * v)));
      rollups.updateOne(
          eq("_id", b.id()), Updates.combine(updates), new UpdateOptions().upsert(true));
    }
  }

  public Optional<Document> get(String id) {
    return Optional.ofNullable(rollups.find(eq("_id", id)).first());
  }

  /** The documents among {@code ids} that exist, by id. */
  public Map<String, Document> get(List<String> ids) {
    Map<String, Document> out = new HashMap<>();
    for (int i = 0; i < ids.size(); i += 500) {
      rollups
          .find(in("_id", ids.subList(i, Math.min(ids.size(), i + 500))))
          .forEach(d -> out.put(d.getString("_id"), d));
    }
    return out;
  }

  /** Recomputes every rollup from the raw records; answers how many rollup documents there are. */
  public synchronized int rebuild() {
    Map<String, Document> fresh = computeFromRaw();
    rollups.drop(); // no unique keys to recreate; a drop is one step where a delete would scan
    if (!fresh.isEmpty()) {
      rollups.insertMany(new ArrayList<>(fresh.values()));
    }
    return fresh.size();
  }

  /** What the rollups would be if rebuilt now, keyed by id, in the stored document form. */
  Map<String, Document> computeFromRaw() {
    Map<String, Document> out = new LinkedHashMap<>();
    scan(HealthStore.ANSWERS).forEach(d -> fold(out, RollupRules.health(d)));
    scan(Checkins.COLLECTION).forEach(d -> fold(out, RollupRules.checkin(d)));
    scan(Reflections.COLLECTION).forEach(d -> fold(out, RollupRules.reflection(d)));
    scan(OutcomeReports.COLLECTION).forEach(d -> fold(out, RollupRules.outcome(d)));
    scan(Nudges.COLLECTION).forEach(d -> fold(out, RollupRules.nudge(d)));
    return out;
  }

  /** Every rollup document as stored, keyed by id (for tests and the rebuild check). */
  Map<String, Document> all() {
    Map<String, Document> out = new LinkedHashMap<>();
    rollups
        .find()
        .comment("scan-ok: reads every rollup")
        .forEach(d -> out.put(d.getString("_id"), d));
    return out;
  }

  private List<Document> scan(String collection) {
    List<Document> out = new ArrayList<>();
    mongo.getCollection(collection).find().comment(RAW_SCAN).forEach(out::add);
    return out;
  }

  private static void fold(Map<String, Document> out, List<Bump> bumps) {
    for (Bump b : bumps) {
      Document d = out.computeIfAbsent(b.id(), id -> new Document("_id", id));
      b.labels().forEach(d::append);
      b.counters().forEach((k, v) -> d.append(k, ((Number) d.getOrDefault(k, 0L)).longValue() + v));
    }
  }
}
