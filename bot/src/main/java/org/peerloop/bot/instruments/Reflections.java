package org.peerloop.bot.instruments;

import java.util.List;
import org.bson.Document;
import org.peerloop.bot.store.DuplicateKeys;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Pause-and-reflect journals by partnership, organisation and period, with the member, and the
 * progress each gave on the tracked ladder items (the item ids and texts as asked, so a later
 * change to the ladder does not change what was answered).
 */
@Component
class Reflections extends MemberRecords {

  static final String COLLECTION = "reflections";

  Reflections(MongoTemplate mongo, Rollups rollups) {
    super(mongo.getCollection(COLLECTION), rollups);
  }

  /** {@code items}: the tracked items the run asked about, in order (item-1 is the first). */
  void record(RunEnd run, List<Document> items) {
    if (run.answers().isEmpty()) {
      return;
    }
    Document d = Checkins.base(run);
    List<Document> progress = new java.util.ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String rating = run.answers().get("item-" + (i + 1));
      if (rating != null) {
        progress.add(new Document(items.get(i)).append("progress", rating));
      }
    }
    d.append("progress", progress);
    if (DuplicateKeys.insertOnce(() -> records.insertOne(d))) {
      rollups.add(bumps(d), 1);
    }
  }

  @Override
  List<Bump> bumps(Document d) {
    return RollupRules.reflection(d);
  }

  /** Obstacles named in a partnership's period, for summaries. */
  List<String> obstacles(String partnership, String period) {
    List<String> out = new java.util.ArrayList<>();
    records
        .find(new Document("partnership", partnership).append("period", period))
        .comment("scan-ok: reflections are few, read per partnership and period")
        .forEach(
            d -> {
              Document a = d.get("answers", Document.class);
              if (a != null && a.getString("obstacles") != null) {
                out.add(a.getString("obstacles"));
              }
            });
    return out;
  }
}
