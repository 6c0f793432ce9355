package org.peerloop.bot.broadcast;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/**
 * How many recipients of a broadcast are in each state, by channel and organisation, and why the
 * failed, skipped and unknown ones ended so. Stored on the broadcast ({@code counts}, {@code
 * reasons}) and kept current with {@code $inc} as recipients move; recounted from the recipients
 * when sending resumes or ends.
 */
final class Counts {

  static final List<String> STATES =
      List.of(
          Recipient.QUEUED,
          Recipient.SENT,
          Recipient.DELIVERED,
          Recipient.READ,
          Recipient.FAILED,
          Recipient.SKIPPED,
          Recipient.UNKNOWN);

  static final java.util.Set<String> WITH_REASONS =
      java.util.Set.of(Recipient.FAILED, Recipient.SKIPPED, Recipient.UNKNOWN);

  // channel → organisation → state → n
  final Map<String, Map<String, Map<String, Integer>>> cells = new TreeMap<>();
  // state → reason → n
  final Map<String, Map<String, Integer>> reasons = new TreeMap<>();

  void add(String channel, String organisation, String state, String reason, int n) {
    cells
        .computeIfAbsent(channel, c -> new TreeMap<>())
        .computeIfAbsent(organisation, o -> new TreeMap<>())
        .merge(state, n, Integer::sum);
    if (reason != null && WITH_REASONS.contains(state)) {
      reasons.computeIfAbsent(state, s -> new TreeMap<>()).merge(reason, n, Integer::sum);
    }
  }

  /** Recipients in {@code state} exactly. */
  int in(String state) {
    int n = 0;
    for (Map<String, Map<String, Integer>> orgs : cells.values()) {
      for (Map<String, Integer> states : orgs.values()) {
        n += states.getOrDefault(state, 0);
      }
    }
    return n;
  }

  int total() {
    int n = 0;
    for (String s : STATES) {
      n += in(s);
    }
    return n;
  }

  /** The field path {@code $inc} uses for one cell. */
  static String path(String channel, String organisation, String state) {
    return "counts." + key(channel) + "." + key(organisation) + "." + state;
  }

  static String reasonPath(String state, String reason) {
    return "reasons." + state + "." + key(reason);
  }

  /**
   * Field names may hold neither dots nor a leading {@code $}; reasons are platform sentences, so
   * both are swapped for look-alikes and back.
   */
  static String key(String s) {
    String k = s == null || s.isEmpty() ? "-" : s.replace('.', '\u2024').replace('$', '\uFF04');
    return k;
  }

  static String unkey(String k) {
    return k.replace('\u2024', '.').replace('\uFF04', '$');
  }

  Document toDocument() {
    Document c = new Document();
    cells.forEach(
        (ch, orgs) -> {
          Document o = new Document();
          orgs.forEach((org, states) -> o.append(key(org), new Document(states)));
          c.append(key(ch), o);
        });
    Document r = new Document();
    reasons.forEach(
        (state, byReason) -> {
          Document x = new Document();
          byReason.forEach((reason, n) -> x.append(key(reason), n));
          r.append(state, x);
        });
    return new Document("counts", c).append("reasons", r);
  }

  static Counts fromDocument(Document broadcast) {
    Counts out = new Counts();
    Document c = broadcast.get("counts", Document.class);
    if (c != null) {
      c.forEach(
          (ch, orgs) ->
              ((Document) orgs)
                  .forEach(
                      (org, states) ->
                          ((Document) states)
                              .forEach(
                                  (state, n) ->
                                      out.cells
                                          .computeIfAbsent(unkey(ch), x -> new TreeMap<>())
                                          .computeIfAbsent(unkey(org), x -> new TreeMap<>())
                                          .merge(state, ((Number) n).intValue(), Integer::sum))));
    }
    Document r = broadcast.get("reasons", Document.class);
    if (r != null) {
      r.forEach(
          (state, byReason) ->
              ((Document) byReason)
                  .forEach(
                      (reason, n) ->
                          out.reasons
                              .computeIfAbsent(state, x -> new TreeMap<>())
                              .merge(unkey(reason), ((Number) n).intValue(), Integer::sum)));
    }
    return out;
  }

  /**
   * The report's figures for a set of cells: {@code sent} counts everything that went (delivered
   * and read included), {@code delivered} includes read; the others are exclusive.
   */
  static Map<String, Integer> funnel(Map<String, Integer> states) {
    int read = states.getOrDefault(Recipient.READ, 0);
    int delivered = states.getOrDefault(Recipient.DELIVERED, 0) + read;
    int sent = states.getOrDefault(Recipient.SENT, 0) + delivered;
    Map<String, Integer> out = new LinkedHashMap<>();
    out.put(Recipient.QUEUED, states.getOrDefault(Recipient.QUEUED, 0));
    out.put(Recipient.SENT, sent);
    out.put(Recipient.DELIVERED, delivered);
    out.put(Recipient.READ, read);
    out.put(Recipient.FAILED, states.getOrDefault(Recipient.FAILED, 0));
    out.put(Recipient.SKIPPED, states.getOrDefault(Recipient.SKIPPED, 0));
    out.put(Recipient.UNKNOWN, states.getOrDefault(Recipient.UNKNOWN, 0));
    return out;
  }
}
