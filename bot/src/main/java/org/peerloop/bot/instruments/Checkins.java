package org.peerloop.bot.instruments;

import java.util.Date;
import org.bson.Document;
import org.peerloop.bot.store.DuplicateKeys;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Weekly check-ins by partnership, organisation and week, with the member (facilitators read them,
 * as the join terms say). A run that ended without any answer is not a check-in.
 */
@Component
class Checkins extends MemberRecords {

  static final String COLLECTION = "checkins";

  Checkins(MongoTemplate mongo, Rollups rollups) {
    super(mongo.getCollection(COLLECTION), rollups);
  }

  void record(RunEnd run) {
    if (run.answers().isEmpty()) {
      return;
    }
    Document d = base(run);
    if (DuplicateKeys.insertOnce(() -> records.insertOne(d))) {
      rollups.add(bumps(d), 1);
    }
  }

  @Override
  java.util.List<Bump> bumps(Document d) {
    return RollupRules.checkin(d);
  }

  static Document base(RunEnd run) {
    return new Document("_id", run.key())
        .append("partnership", run.partnership())
        .append("organisation", run.organisation())
        .append("period", run.period())
        .append("member", run.memberId())
        .append("flow", run.flowId())
        .append("revision", run.revision())
        .append("status", run.status())
        .append("answers", new Document(run.answers()))
        .append("endedAt", Date.from(run.endedAt()));
  }
}
