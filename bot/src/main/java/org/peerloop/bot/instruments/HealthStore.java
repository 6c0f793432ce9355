package org.peerloop.bot.instruments;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.peerloop.bot.store.DuplicateKeys;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Partnership-health answers, kept apart from the person. An answer document holds the partnership,
 * organisation, period, flow revision, the scores by dimension and the comments — no person or
 * contact id, no time, and a random id, so nothing in it or around it leads back to who gave it. A
 * separate record keyed by a hash of (member, partnership, period) only stops a second submission
 * in the same period; it holds nothing else and no report or export reads it.
 */
@Component
class HealthStore {

  static final String ANSWERS = "health_answers";
  static final String SUBMISSIONS = "health_submissions";

  /** The dimensions, in the order asked: the rating steps of the health flow. */
  static final List<String> DIMENSIONS =
      List.of(
          "trust",
          "shared-goals",
          "ways-of-working",
          "context",
          "problem",
          "communication-ease",
          "communication-reciprocity",
          "mel-roles",
          "learning-uptake",
          "consensus",
          "motivation");

  private final MongoCollection<Document> answers;
  private final MongoCollection<Document> submissions;
  private final Rollups rollups;

  HealthStore(MongoTemplate mongo, Rollups rollups) {
    this.answers = mongo.getCollection(ANSWERS);
    this.submissions = mongo.getCollection(SUBMISSIONS);
    this.rollups = rollups;
  }

  boolean submitted(String memberId, String partnership, String period) {
    return submissions.find(eq("_id", submissionKey(memberId, partnership, period))).first()
        != null;
  }

  /**
   * Stores a run's ratings and comments; false when this member already submitted for the period
   * (nothing stored then). A run with no rating at all stores nothing and uses up nothing.
   */
  boolean record(RunEnd run) {
    Document scores = new Document();
    Map<String, String> a = run.answers();
    for (String dimension : DIMENSIONS) {
      Integer score = score(a.get(dimension));
      if (score != null) {
        scores.append(dimension, score);
      }
    }
    if (scores.isEmpty()) {
      return true;
    }
    String key = submissionKey(run.memberId(), run.partnership(), run.period());
    if (!DuplicateKeys.insertOnce(() -> submissions.insertOne(new Document("_id", key)))) {
      return false;
    }
    List<Document> comments = new ArrayList<>();
    comment(comments, a.get("lowest"), a.get("why"), a.get("improve"));
    comment(comments, a.get("another"), a.get("why-2"), a.get("improve-2"));
    Document answer =
        new Document("_id", UUID.randomUUID().toString())
            .append("partnership", run.partnership())
            .append("organisation", run.organisation())
            .append("period", run.period())
            .append("revision", run.revision())
            .append("scores", scores)
            .append("comments", comments);
    answers.insertOne(answer);
    rollups.add(RollupRules.health(answer), 1);
    return true;
  }

  /** The comments of a partnership's period, without who wrote them (for summaries and results). */
  List<Document> comments(String partnership, String period) {
    List<Document> out = new ArrayList<>();
    answers
        .find(new Document("partnership", partnership).append("period", period))
        .comment("scan-ok: health answers are read per partnership and period for comments")
        .forEach(
            d ->
                d.getList("comments", Document.class, List.of())
                    .forEach(c -> out.add(c.append("organisation", d.getString("organisation")))));
    return out;
  }

  private static void comment(List<Document> out, String dimension, String why, String improve) {
    if (dimension == null || !DIMENSIONS.contains(dimension) || why == null && improve == null) {
      return;
    }
    out.add(new Document("dimension", dimension).append("why", why).append("improve", improve));
  }

  private static Integer score(String value) {
    try {
      return value == null ? null : (int) Math.round(Double.parseDouble(value));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static String submissionKey(String memberId, String partnership, String period) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  ("health|" + memberId + "|" + partnership + "|" + period)
                      .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
