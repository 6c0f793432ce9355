package org.peerloop.bot.instruments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * What each raw record adds to the rollups. Pure functions of the stored document: the increments
 * made when a record is stored, the decrements when one is erased, and a rebuild all use these.
 *
 * <p>Keys: {@code health|partnership|period|dimension|organisation} (count, sum), {@code
 * health-respondents|partnership|period|organisation} (count), {@code
 * checkin|partnership|period|organisation} (count, progressCount, progressSum, talked), {@code
 * reflect|partnership|period|organisation} (count), {@code
 * outcomes|partnership|week|organisation|tier} (count) and {@code
 * substantiated|partnership|week|organisation} (count) and {@code
 * nudges|partnership|flow|period|organisation} (due, sent, answered, missed).
 */
final class RollupRules {

  static final String HEALTH = "health";
  static final String RESPONDENTS = "health-respondents";
  static final String CHECKIN = "checkin";
  static final String REFLECT = "reflect";
  static final String OUTCOMES = "outcomes";
  static final String SUBSTANTIATED = "substantiated";
  static final String NUDGES = "nudges";

  private RollupRules() {}

  static List<Bump> health(Document answer) {
    String p = answer.getString("partnership");
    String period = answer.getString("period");
    String org = answer.getString("organisation");
    List<Bump> out = new ArrayList<>();
    Document scores = answer.get("scores", Document.class);
    if (scores == null || scores.isEmpty()) {
      return out;
    }
    out.add(
        new Bump(
            Bump.id(RESPONDENTS, p, period, org),
            labels(RESPONDENTS, p, period, org),
            Map.of("count", 1L)));
    scores.forEach(
        (dimension, score) ->
            out.add(
                new Bump(
                    Bump.id(HEALTH, p, period, dimension, org),
                    Map.of(
                        "kind", HEALTH,
                        "partnership", p,
                        "period", period,
                        "organisation", org,
                        "dimension", dimension),
                    Map.of("count", 1L, "sum", ((Number) score).longValue()))));
    return out;
  }

  static List<Bump> checkin(Document run) {
    Document answers = run.get("answers", Document.class);
    if (answers == null || answers.isEmpty()) {
      return List.of();
    }
    String p = run.getString("partnership");
    String period = run.getString("period");
    String org = run.getString("organisation");
    Map<String, Long> counters = new java.util.HashMap<>();
    counters.put("count", 1L);
    Long progress = whole(answers.getString("progress"));
    if (progress != null) {
      counters.put("progressCount", 1L);
      counters.put("progressSum", progress);
    }
    if ("yes".equals(answers.getString("contact"))) {
      counters.put("talked", 1L);
    }
    return List.of(
        new Bump(Bump.id(CHECKIN, p, period, org), labels(CHECKIN, p, period, org), counters));
  }

  static List<Bump> reflection(Document run) {
    String p = run.getString("partnership");
    String period = run.getString("period");
    String org = run.getString("organisation");
    return List.of(
        new Bump(
            Bump.id(REFLECT, p, period, org),
            labels(REFLECT, p, period, org),
            Map.of("count", 1L)));
  }

  static List<Bump> outcome(Document report) {
    String p = report.getString("partnership");
    String week = report.getString("period");
    String org = report.getString("organisation");
    String tier = report.getString("tier");
    List<Bump> out = new ArrayList<>();
    Map<String, String> labels = new java.util.HashMap<>(labels(OUTCOMES, p, week, org));
    labels.put("tier", tier);
    out.add(new Bump(Bump.id(OUTCOMES, p, week, org, tier), labels, Map.of("count", 1L)));
    Document review = report.get("review", Document.class);
    if (review != null && OutcomeReport.SUBSTANTIATED.equals(review.getString("status"))) {
      out.add(substantiated(p, review.getString("period"), org));
    }
    return out;
  }

  static Bump substantiated(String partnership, String week, String organisation) {
    return new Bump(
        Bump.id(SUBSTANTIATED, partnership, week, organisation),
        labels(SUBSTANTIATED, partnership, week, organisation),
        Map.of("count", 1L));
  }

  private static Map<String, String> labels(String kind, String p, String period, String org) {
    return Map.of("kind", kind, "partnership", p, "period", period, "organisation", org);
  }

  private static Long whole(String value) {
    try {
      return value == null ? null : Math.round(Double.parseDouble(value));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static String nudgeId(Document n) {
    return Bump.id(
        NUDGES,
        n.getString("partnership"),
        n.getString("flow"),
        n.getString("period"),
        n.getString("organisation"));
  }

  static Map<String, String> nudgeLabels(Document n) {
    return Map.of(
        "kind", NUDGES,
        "partnership", n.getString("partnership"),
        "flow", n.getString("flow"),
        "period", n.getString("period"),
        "organisation", n.getString("organisation"));
  }

  /** A nudge counts as due; sent or not; and once its run ended, answered or missed. */
  static List<Bump> nudge(Document n) {
    Map<String, Long> counters = new java.util.LinkedHashMap<>();
    counters.put("due", 1L);
    if (n.getBoolean("sent", false)) {
      counters.put("sent", 1L);
    }
    Object ended = n.get("ended");
    if (ended != null) {
      counters.put(String.valueOf(ended), 1L);
    }
    return List.of(new Bump(nudgeId(n), nudgeLabels(n), counters));
  }
}
