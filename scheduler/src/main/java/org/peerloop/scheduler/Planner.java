package org.peerloop.scheduler;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns cadences into due work. An occurrence is planned once, for every member at once, about two
 * days before it (early enough for any time zone); a cursor per partnership and flow remembers the
 * last one planned. A member who joins, resumes or changes time zone later is planned alone ({@link
 * #planMember}). A changed cadence needs nothing here: the handler drops items whose occurrence the
 * cadence no longer has, and the cursor restarts from now.
 */
public final class Planner {

  public static final String PLANS = "due_plans";
  private static final Logger log = LoggerFactory.getLogger(Planner.class);

  /**
   * How far ahead occurrences are planned, as local date-times against UTC now (zones reach +14 h).
   */
  static final Duration LEAD = Duration.ofHours(50);

  private static final int BATCH = 5000;

  private final MongoCollection<Document> plans;
  private final DueStore store;
  private final Roster roster;
  private final Clock clock;

  public Planner(MongoDatabase db, DueStore store, Roster roster, Clock clock) {
    this.plans = db.getCollection(PLANS);
    this.store = store;
    this.roster = roster;
    this.clock = clock;
  }

  /** Plans every occurrence that has come within reach; answers how many items it filed. */
  public int plan() {
    Instant now = clock.instant();
    int filed = 0;
    for (Schedule s : roster.schedules()) {
      for (CadenceRule rule : s.cadences()) {
        try {
          filed += plan(s, rule, now);
        } catch (RuntimeException e) {
          log.warn("planning {} for {} failed: {}", rule.flow(), s.partnership(), e.toString());
        }
      }
    }
    return filed;
  }

  private int plan(Schedule s, CadenceRule rule, Instant now) {
    Optional<Period.Kind> kind = roster.periodOf(rule.flow());
    if (kind.isEmpty()) {
      return 0;
    }
    String key = s.partnership() + "|" + rule.flow();
    Optional<LocalDateTime> planned = through(key, rule);
    // The first plan of a cadence starts from now in the schedule's zone; members further east
    // may already be past that occurrence: they start with the next one rather than a late nudge.
    boolean first = planned.isEmpty();
    LocalDateTime through = planned.orElse(now.atZone(s.zone()).toLocalDateTime());
    LocalDateTime horizon = LocalDateTime.ofInstant(now.plus(LEAD), ZoneOffset.UTC);
    int filed = 0;
    List<Roster.Nudgee> members = null;
    for (Optional<LocalDateTime> next = rule.next(through);
        next.isPresent() && !next.get().isAfter(horizon);
        next = rule.next(through)) {
      if (members == null) {
        members = roster.members(s.partnership());
      }
      List<DueItem> items = new ArrayList<>();
      for (Roster.Nudgee m : members) {
        DueItem item = item(s, rule, kind.get(), next.get(), m);
        if (first && !item.due().isAfter(now)) {
          continue;
        }
        items.add(item);
        if (items.size() == BATCH) {
          store.file(items, now);
          filed += items.size();
          items.clear();
        }
      }
      store.file(items, now);
      filed += items.size();
      through = next.get();
      plans.replaceOne(
          eq("_id", key),
          new Document("_id", key)
              .append("through", through.toString())
              .append("rule", rule.when().describe()),
          new ReplaceOptions().upsert(true));
    }
    return filed;
  }

  /**
   * Plans the occurrences already planned for everyone that are still ahead for {@code member}:
   * someone who joined, resumed or moved after the plan was made. Items that exist are moved to the
   * member's new time.
   */
  public int planMember(String partnership, Roster.Nudgee member) {
    Instant now = clock.instant();
    int filed = 0;
    for (Schedule s : roster.schedule(partnership).stream().toList()) {
      for (CadenceRule rule : s.cadences()) {
        Optional<Period.Kind> kind = roster.periodOf(rule.flow());
        Optional<LocalDateTime> through = through(s.partnership() + "|" + rule.flow(), rule);
        if (kind.isEmpty() || through.isEmpty()) {
          continue;
        }
        ZoneId zone = member.zone() == null ? s.zone() : member.zone();
        List<DueItem> items = new ArrayList<>();
        LocalDateTime t = now.atZone(zone).toLocalDateTime().minusDays(1);
        for (Optional<LocalDateTime> next = rule.next(t);
            next.isPresent() && !next.get().isAfter(through.get());
            next = rule.next(t)) {
          DueItem item = item(s, rule, kind.get(), next.get(), member);
          if (item.due().isAfter(now)) {
            items.add(item);
          }
          t = next.get();
        }
        store.file(items, now);
        filed += items.size();
      }
    }
    return filed;
  }

  private Optional<LocalDateTime> through(String key, CadenceRule rule) {
    Document d = plans.find(eq("_id", key)).first();
    if (d == null || !rule.when().describe().equals(d.getString("rule"))) {
      return Optional.empty();
    }
    return Optional.of(LocalDateTime.parse(d.getString("through")));
  }

  static DueItem item(
      Schedule s, CadenceRule rule, Period.Kind kind, LocalDateTime occurrence, Roster.Nudgee m) {
    ZoneId zone = m.zone() == null ? s.zone() : m.zone();
    Instant due = LocalTimes.due(occurrence, zone, s.quiet());
    Period period = Period.containing(kind, occurrence.toLocalDate());
    String occ = occurrence.toString();
    return new DueItem(
        DueItem.nudgeId(m.member(), s.partnership(), rule.flow(), occ),
        DueItem.NUDGE,
        m.member(),
        s.partnership(),
        rule.flow(),
        occ,
        period.id(),
        due,
        LocalTimes.usefulUntil(due, period, zone),
        0);
  }
}
