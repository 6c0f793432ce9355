package org.peerloop.bot.instruments;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.peerloop.bot.store.DuplicateKeys;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Reported changes. A report's code is short enough to type ({@code /substantiate K7M3P}) and
 * derived from the run, so a replayed run finds the report it already stored instead of making a
 * second one.
 */
@Component
class OutcomeReports extends MemberRecords {

  static final String COLLECTION = "outcomes";
  static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  static final int CODE_LENGTH = 5;
  private static final String SCAN = "scan-ok: reports are few, read per partnership";

  OutcomeReports(MongoTemplate mongo, Rollups rollups) {
    super(mongo.getCollection(COLLECTION), rollups);
  }

  @Override
  List<Bump> bumps(Document d) {
    return RollupRules.outcome(d);
  }

  /** Stores a completed report; answers it (the one already stored, for a replayed run). */
  OutcomeReport record(RunEnd run, String ladderText) {
    Map<String, String> a = run.answers();
    String tier = "no".equals(a.get("expected")) ? OutcomeReport.NOT_ANTICIPATED : a.get("tier");
    Document d =
        new Document("run", run.key())
            .append("partnership", run.partnership())
            .append("organisation", run.organisation())
            .append("member", run.memberId())
            .append("period", run.period())
            .append("reportedAt", Date.from(run.endedAt()))
            .append("language", run.language())
            .append("who", a.get("who"))
            .append("what", a.get("what"))
            .append("whenWhere", a.get("when-where"))
            .append("matters", a.get("matters"))
            .append("contribution", a.get("contribution"))
            .append(
                "evidence",
                a.get("evidence") == null
                    ? List.of()
                    : List.of(Evidence.of(a.get("evidence"), run.endedAt()).toDocument()))
            .append("expected", !"no".equals(a.get("expected")))
            .append("tier", tier == null ? OutcomeReport.NOT_ANTICIPATED : tier)
            .append("ladderItem", a.get("item"))
            .append("ladderText", ladderText);
    for (int length = CODE_LENGTH; ; length++) {
      String code = code(run.key(), length);
      Document stored = records.find(eq("_id", code)).first();
      if (stored != null) {
        if (run.key().equals(stored.getString("run"))) {
          return OutcomeReport.fromDocument(stored); // a replay
        }
        continue; // another run's code: try one letter longer
      }
      Document withId = new Document("_id", code);
      withId.putAll(d);
      if (DuplicateKeys.insertOnce(() -> records.insertOne(withId))) {
        rollups.add(bumps(withId), 1);
        return OutcomeReport.fromDocument(withId);
      }
    }
  }

  Optional<OutcomeReport> find(String code) {
    return raw(code).map(OutcomeReport::fromDocument);
  }

  Optional<Document> raw(String code) {
    if (code == null || code.isBlank()) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        records.find(eq("_id", code.strip().toUpperCase(Locale.ROOT))).first());
  }

  /** Reports in these partnerships not yet substantiated, oldest first. */
  List<OutcomeReport> open(List<String> partnerships) {
    List<OutcomeReport> out = new ArrayList<>();
    records
        .find(Filters.in("partnership", partnerships))
        .comment(SCAN)
        .forEach(d -> out.add(OutcomeReport.fromDocument(d)));
    return out.stream()
        .filter(r -> !r.reviewed())
        .sorted(Comparator.comparing(OutcomeReport::reportedAt))
        .toList();
  }

  /** Substantiated reports of a partnership, reviewed at or after {@code since}, newest first. */
  List<Document> substantiatedSince(String partnership, Instant since) {
    List<Document> out = new ArrayList<>();
    records
        .find(eq("partnership", partnership))
        .comment(SCAN)
        .forEach(
            d -> {
              Document r = d.get("review", Document.class);
              if (r != null
                  && OutcomeReport.SUBSTANTIATED.equals(r.getString("status"))
                  && !r.getDate("at").toInstant().isBefore(since)) {
                out.add(d);
              }
            });
    out.sort(
        Comparator.comparing(
            (Document d) -> d.get("review", Document.class).getDate("at"),
            Comparator.reverseOrder()));
    return out;
  }

  /**
   * Records a review step; a report substantiated once stays so (a second confirmation changes
   * nothing and answers false).
   */
  boolean review(
      String code, String status, String byMember, String note, Instant at, String week) {
    Document before = raw(code).orElse(null);
    if (before == null) {
      return false;
    }
    Document review = before.get("review", Document.class);
    if (review != null && OutcomeReport.SUBSTANTIATED.equals(review.getString("status"))) {
      return false;
    }
    Document next =
        new Document("status", status)
            .append("by", byMember)
            .append("at", Date.from(at))
            .append("note", note)
            .append("period", week);
    var filter =
        review == null
            ? Filters.and(eq("_id", before.get("_id")), Filters.exists("review", false))
            : Filters.and(
                eq("_id", before.get("_id")), eq("review.status", review.getString("status")));
    boolean changed =
        records.updateOne(filter, Updates.set("review", next)).getModifiedCount() == 1;
    if (changed && OutcomeReport.SUBSTANTIATED.equals(status)) {
      rollups.add(
          List.of(
              RollupRules.substantiated(
                  before.getString("partnership"), week, before.getString("organisation"))),
          1);
    }
    return changed;
  }

  void addEvidence(String code, Evidence evidence) {
    raw(code)
        .ifPresent(
            d ->
                records.updateOne(
                    eq("_id", d.get("_id")), Updates.push("evidence", evidence.toDocument())));
  }

  static String code(String seed, int length) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < length; i++) {
        b.append(ALPHABET.charAt((hash[i] & 0xff) % ALPHABET.length()));
      }
      return b.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
