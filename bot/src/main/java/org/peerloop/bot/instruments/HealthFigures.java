package org.peerloop.bot.instruments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.peerloop.bot.people.Organisation;
import org.peerloop.bot.people.Partnership;
import org.peerloop.scheduler.Period;

/**
 * A partnership's health figures for one period, read from rollups by key. Per-organisation
 * averages are given only when every organisation has at least {@code min} respondents (the
 * anonymity rule); otherwise {@link Row#byOrganisation()} is empty.
 */
record HealthFigures(
    Period period, Map<String, Long> respondents, boolean perOrganisation, List<Row> rows) {

  /** One dimension: partnership-wide average over {@code count} scores, and per organisation. */
  record Row(String dimension, double average, long count, Map<String, Double> byOrganisation) {}

  long total() {
    return respondents.values().stream().mapToLong(Long::longValue).sum();
  }

  Row row(String dimension) {
    return rows.stream().filter(r -> r.dimension().equals(dimension)).findFirst().orElse(null);
  }

  static HealthFigures read(Rollups rollups, Partnership p, Period period, int min) {
    List<String> orgs = p.organisations().stream().map(Organisation::slug).toList();
    List<String> ids = new ArrayList<>();
    for (String org : orgs) {
      ids.add(Bump.id(RollupRules.RESPONDENTS, p.slug(), period.id(), org));
      for (String d : HealthStore.DIMENSIONS) {
        ids.add(Bump.id(RollupRules.HEALTH, p.slug(), period.id(), d, org));
      }
    }
    Map<String, Document> docs = rollups.get(ids);
    Map<String, Long> respondents = new LinkedHashMap<>();
    for (String org : orgs) {
      respondents.put(
          org, count(docs.get(Bump.id(RollupRules.RESPONDENTS, p.slug(), period.id(), org))));
    }
    boolean perOrg = respondents.values().stream().allMatch(n -> n >= min);
    List<Row> rows = new ArrayList<>();
    for (String d : HealthStore.DIMENSIONS) {
      long count = 0;
      long sum = 0;
      Map<String, Double> byOrg = new LinkedHashMap<>();
      for (String org : orgs) {
        Document r = docs.get(Bump.id(RollupRules.HEALTH, p.slug(), period.id(), d, org));
        long c = count(r);
        long s = r == null ? 0 : ((Number) r.get("sum")).longValue();
        count += c;
        sum += s;
        if (perOrg && c > 0) {
          byOrg.put(org, (double) s / c);
        }
      }
      if (count > 0) {
        rows.add(new Row(d, (double) sum / count, count, byOrg));
      }
    }
    return new HealthFigures(period, respondents, perOrg, rows);
  }

  private static long count(Document d) {
    return d == null ? 0 : ((Number) d.getOrDefault("count", 0L)).longValue();
  }
}
