package org.peerloop.bot.instruments;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * A collection of records that name their member (check-ins, reflections, reports): exported with
 * /mydata, and on /forget taken out of the rollups and deleted, so a rebuild afterwards agrees.
 */
abstract class MemberRecords {

  final MongoCollection<Document> records;
  final Rollups rollups;

  MemberRecords(MongoCollection<Document> records, Rollups rollups) {
    this.records = records;
    this.rollups = rollups;
  }

  abstract List<Bump> bumps(Document record);

  List<Document> of(String memberId) {
    List<Document> out = new ArrayList<>();
    records
        .find(eq("member", memberId))
        .comment("scan-ok: one member's records, for /mydata and /forget")
        .forEach(out::add);
    return out;
  }

  void erase(String memberId) {
    for (Document d : of(memberId)) {
      if (records.deleteOne(eq("_id", d.get("_id"))).getDeletedCount() == 1) {
        rollups.add(bumps(d), -1);
      }
    }
  }
}
