package org.peerloop.bot.instruments;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.Updates;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.peerloop.bot.store.DuplicateKeys;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Every nudge that fell due, by its due work's id: sent or missed because it was too late, and once
 * its run ends, whether it was answered. Response rates are answered ÷ due, so a run that expired
 * unanswered counts as missed, never as a zero.
 */
@Component
class Nudges extends MemberRecords {

  static final String COLLECTION = "nudges";
  static final String ANSWERED = "answered";
  static final String MISSED = "missed";

  Nudges(MongoTemplate mongo, Rollups rollups) {
    super(mongo.getCollection(COLLECTION), rollups);
  }

  void due(NudgeFact n) {
    Document d =
        new Document("_id", n.id())
            .append("member", n.memberId())
            .append("partnership", n.partnership())
            .append("organisation", n.organisation())
            .append("flow", n.flow())
            .append("period", n.period())
            .append("sent", n.sent())
            .append("at", Date.from(n.at()));
    if (!n.sent()) {
      d.append("ended", MISSED);
    }
    if (DuplicateKeys.insertOnce(() -> records.insertOne(d))) {
      rollups.add(bumps(d), 1);
    }
  }

  /** The run a nudge started has ended; the first end counts, replays change nothing. */
  void ended(String id, boolean answered) {
    String how = answered ? ANSWERED : MISSED;
    Document before = records.find(eq("_id", id)).first();
    if (before == null || before.get("ended") != null) {
      return; // not a nudge we know of, or counted already (callers hold the person's lock)
    }
    records.updateOne(eq("_id", id), Updates.set("ended", how));
    Document after = new Document(before).append("ended", how);
    rollups.add(
        List.of(
            new Bump(RollupRules.nudgeId(after), RollupRules.nudgeLabels(after), Map.of(how, 1L))),
        1);
  }

  @Override
  List<Bump> bumps(Document d) {
    return RollupRules.nudge(d);
  }
}
