package org.peerloop.bot.broadcast;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/**
 * Where a broadcast stands: its counts in all, by channel and by organisation ({@link
 * Counts#funnel}: sent includes delivered and read), why recipients failed, were skipped or are
 * unknown, and the linked group's post. Of a cancelled broadcast, what never went counts as skipped
 * ("cancelled").
 */
public record Report(
    String id,
    String partnership,
    String state,
    String text,
    String link,
    String organisation,
    String role,
    String sendAt,
    String createdBy,
    Instant createdAt,
    Instant confirmedAt,
    Instant finishedAt,
    int recipients,
    Map<String, Integer> counts,
    Map<String, Map<String, Integer>> byChannel,
    Map<String, Map<String, Integer>> byOrganisation,
    Map<String, Map<String, Integer>> reasons,
    Map<String, String> group) {

  static final String CANCELLED = "cancelled";

  /** Recipients whose send has ended one way or another. */
  public int settled() {
    return recipients - counts.getOrDefault(Recipient.QUEUED, 0);
  }

  static Report of(Document d) {
    Counts c = Counts.fromDocument(d);
    boolean cancelled = BroadcastState.CANCELLED.value().equals(d.getString("state"));
    Map<String, Integer> all = new TreeMap<>();
    Map<String, Map<String, Integer>> channels = new TreeMap<>();
    Map<String, Map<String, Integer>> orgs = new TreeMap<>();
    c.cells.forEach(
        (ch, byOrg) ->
            byOrg.forEach(
                (org, states) ->
                    states.forEach(
                        (state, n) -> {
                          String s =
                              cancelled && state.equals(Recipient.QUEUED) ? skipped() : state;
                          all.merge(s, n, Integer::sum);
                          channels
                              .computeIfAbsent(ch, x -> new TreeMap<>())
                              .merge(s, n, Integer::sum);
                          orgs.computeIfAbsent(org, x -> new TreeMap<>()).merge(s, n, Integer::sum);
                        })));
    Map<String, Map<String, Integer>> reasons = new TreeMap<>();
    c.reasons.forEach((state, byReason) -> reasons.put(state, new TreeMap<>(byReason)));
    int neverSent = cancelled ? c.in(Recipient.QUEUED) : 0;
    if (neverSent > 0) {
      reasons
          .computeIfAbsent(Recipient.SKIPPED, x -> new TreeMap<>())
          .merge(CANCELLED, neverSent, Integer::sum);
    }
    Map<String, Map<String, Integer>> byChannel = new LinkedHashMap<>();
    channels.forEach((k, v) -> byChannel.put(k, Counts.funnel(v)));
    Map<String, Map<String, Integer>> byOrg = new LinkedHashMap<>();
    orgs.forEach((k, v) -> byOrg.put(k, Counts.funnel(v)));
    Document g = d.get("group", Document.class);
    Map<String, String> group = null;
    if (g != null) {
      group = new LinkedHashMap<>();
      group.put("chat", g.getString("chat"));
      group.put("state", g.getString("state"));
      if (g.getString("reason") != null) {
        group.put("reason", g.getString("reason"));
      }
    }
    return new Report(
        d.getString("_id"),
        d.getString("partnership"),
        d.getString("state"),
        d.getString("text"),
        d.getString("link"),
        d.getString("organisation"),
        d.getString("role"),
        d.getString("sendAt"),
        d.getString("createdBy"),
        instant(d.getDate("createdAt")),
        instant(d.getDate("confirmedAt")),
        instant(d.getDate("finishedAt")),
        d.getInteger("recipients", 0),
        Counts.funnel(all),
        byChannel,
        byOrg,
        reasons,
        group);
  }

  private static String skipped() {
    return Recipient.SKIPPED;
  }

  private static Instant instant(Date d) {
    return d == null ? null : d.toInstant();
  }
}
