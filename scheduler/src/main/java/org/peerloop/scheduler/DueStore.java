package org.peerloop.scheduler;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bson.Document;

/**
 * Due work in the store, laid out so that every hot read is by key (the embedded store scans for
 * anything else):
 *
 * <ul>
 *   <li>{@code due_work}: one document per item, by its deterministic id;
 *   <li>{@code due_buckets}: the ids due in one minute, split over {@link #SHARDS} shards so a
 *       minute with 100,000 nudges is many small documents that can be claimed one by one; a
 *       bucket's minute is the first whole minute at or after the item's due time, so everything in
 *       a bucket is due when its minute starts;
 *   <li>{@code due_hours}: which buckets (slots, {@code minute#shard}) an hour has, so a poll reads
 *       one document per hour instead of one per minute;
 *   <li>{@code due_claims}: who is working on which slot; few documents (only slots in progress),
 *       so their compare-and-set filters may scan;
 *   <li>{@code due_cursors}: per instance, the first minute not yet read.
 * </ul>
 *
 * Writes are ordered for a crash: a bucket names an item before the item exists (a name without an
 * item is skipped), and an item is deleted before the bucket that names it.
 */
public final class DueStore {

  public static final String ITEMS = "due_work";
  public static final String BUCKETS = "due_buckets";
  public static final String HOURS = "due_hours";
  public static final String CLAIMS = "due_claims";
  public static final String CURSORS = "due_cursors";
  public static final List<String> COLLECTIONS = List.of(ITEMS, BUCKETS, HOURS, CLAIMS, CURSORS);

  /** The comment on the claims' compare-and-set, which filters on more than the id. */
  public static final String CLAIM_SCAN = "scan-ok: due_claims holds only the slots in progress";

  static final int SHARDS = 32;
  private static final String WAKE_KEY = "wake-key";

  private final MongoCollection<Document> items;
  private final MongoCollection<Document> buckets;
  private final MongoCollection<Document> hours;
  private final MongoCollection<Document> claims;
  private final MongoCollection<Document> cursors;

  public DueStore(MongoDatabase db) {
    this.items = db.getCollection(ITEMS);
    this.buckets = db.getCollection(BUCKETS);
    this.hours = db.getCollection(HOURS);
    this.claims = db.getCollection(CLAIMS);
    this.cursors = db.getCollection(CURSORS);
  }

  /**
   * The minute whose bucket holds work due at {@code due}, filed at {@code now}: the first whole
   * minute at or after {@code due}, or for work already due, the first whole minute after {@code
   * now}. Either way it is later than the minute {@code now} is in, whose slots may be being
   * finished: a name added to a slot after it was read would go with its bucket.
   */
  static Instant bucketMinute(Instant due, Instant now) {
    return due.isAfter(now)
        ? dueMinute(due)
        : now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
  }

  /** The first whole minute at or after {@code due}. */
  static Instant dueMinute(Instant due) {
    Instant m = due.truncatedTo(ChronoUnit.MINUTES);
    return m.isBefore(due) ? m.plus(Duration.ofMinutes(1)) : m;
  }

  static String slot(Instant minute, String id) {
    return minute + "#" + String.format("%02d", Math.floorMod(id.hashCode(), SHARDS));
  }

  static Instant minuteOf(String slot) {
    return Instant.parse(slot.substring(0, slot.indexOf('#')));
  }

  static String hourOf(Instant minute) {
    return minute.truncatedTo(ChronoUnit.HOURS).toString();
  }

  /**
   * Files (or moves) items: each is due at its {@code due}, or in the next minute if that has
   * passed.
   */
  public void file(Collection<DueItem> work, Instant now) {
    if (work.isEmpty()) {
      return;
    }
    Map<String, List<String>> bySlot = new TreeMap<>();
    for (DueItem item : work) {
      bySlot
          .computeIfAbsent(slot(bucketMinute(item.due(), now), item.id()), s -> new ArrayList<>())
          .add(item.id());
    }
    Map<String, List<String>> byHour = new TreeMap<>();
    for (Map.Entry<String, List<String>> e : bySlot.entrySet()) {
      buckets.updateOne(
          eq("_id", e.getKey()),
          Updates.addEachToSet("items", e.getValue()),
          new UpdateOptions().upsert(true));
      byHour.computeIfAbsent(hourOf(minuteOf(e.getKey())), h -> new ArrayList<>()).add(e.getKey());
    }
    for (Map.Entry<String, List<String>> e : byHour.entrySet()) {
      hours.updateOne(
          eq("_id", e.getKey()),
          Updates.addEachToSet("slots", e.getValue()),
          new UpdateOptions().upsert(true));
    }
    List<ReplaceOneModel<Document>> writes = new ArrayList<>();
    for (DueItem item : work) {
      writes.add(
          new ReplaceOneModel<>(
              eq("_id", item.id()), toDocument(item), new ReplaceOptions().upsert(true)));
      if (writes.size() == 1000) {
        items.bulkWrite(writes);
        writes.clear();
      }
    }
    if (!writes.isEmpty()) {
      items.bulkWrite(writes);
    }
  }

  /** A wake-up for {@code contact} at {@code due}, its id keyed with this installation's secret. */
  public DueItem wake(String contact, Instant due) {
    return DueItem.wake(contact, due, wakeKey());
  }

  private volatile byte[] wakeKey;

  /**
   * The secret wake-up ids are keyed with: made once per store (so every instance on it agrees),
   * kept beside the cursors, never leaving the store.
   */
  private byte[] wakeKey() {
    byte[] key = wakeKey;
    if (key == null) {
      Document d = cursors.find(eq("_id", WAKE_KEY)).first();
      if (d == null) {
        byte[] fresh = new byte[32];
        new java.security.SecureRandom().nextBytes(fresh);
        try {
          cursors.insertOne(
              new Document("_id", WAKE_KEY)
                  .append("key", java.util.Base64.getEncoder().encodeToString(fresh)));
        } catch (MongoWriteException e) {
          if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
            throw e;
          }
        }
        d = cursors.find(eq("_id", WAKE_KEY)).first();
      }
      key = java.util.Base64.getDecoder().decode(d.getString("key"));
      wakeKey = key;
    }
    return key;
  }

  public Optional<DueItem> find(String id) {
    return Optional.ofNullable(items.find(eq("_id", id)).first()).map(DueStore::fromDocument);
  }

  /**
   * Deletes every item about {@code subjects} (a person erased): a scan, marked as such, for a rare
   * and deliberate request. Buckets that name the items skip them.
   */
  public long deleteAbout(Collection<String> subjects, String comment) {
    return items
        .deleteMany(
            in("subject", subjects), new com.mongodb.client.model.DeleteOptions().comment(comment))
        .getDeletedCount();
  }

  /** Withdraws an item (a cancelled nudge); a bucket that still names it skips it. */
  public void delete(String id) {
    items.deleteOne(eq("_id", id));
  }

  List<String> slots(String hour) {
    Document d = hours.find(eq("_id", hour)).first();
    return d == null ? List.of() : d.getList("slots", String.class, List.of());
  }

  List<String> bucket(String slot) {
    Document d = buckets.find(eq("_id", slot)).first();
    return d == null ? List.of() : d.getList("items", String.class, List.of());
  }

  List<DueItem> items(Collection<String> ids) {
    List<DueItem> out = new ArrayList<>();
    items.find(in("_id", ids)).forEach(d -> out.add(fromDocument(d)));
    return out;
  }

  void deleteItems(Collection<String> ids) {
    if (!ids.isEmpty()) {
      items.deleteMany(in("_id", ids));
    }
  }

  /**
   * Takes {@code slot} for {@code node} as of {@code now}: true when the slot was free, is already
   * this node's (a restart), or its holder has not renewed the claim for {@code lease} (a node that
   * died). The insert of a claim is atomic on its id; taking over a stale one is a compare-and-set
   * on the holder and time read.
   */
  boolean claim(String slot, String node, Instant now, Duration lease) {
    try {
      claims.insertOne(new Document("_id", slot).append("node", node).append("at", Date.from(now)));
      return true;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
    }
    Document held = claims.find(eq("_id", slot)).first();
    if (held == null) {
      return claim(slot, node, now, lease); // released in between
    }
    if (node.equals(held.getString("node"))) {
      // This node again, after a restart: its claim is renewed now, or another node would see it
      // as stale and take it over while this one works on it.
      return claims
              .updateOne(
                  and(eq("_id", slot), eq("node", node)),
                  Updates.set("at", Date.from(now)),
                  new UpdateOptions().comment(CLAIM_SCAN))
              .getMatchedCount()
          == 1;
    }
    if (held.getDate("at").toInstant().plus(lease).isAfter(now)) {
      return false;
    }
    Document taken =
        claims.findOneAndUpdate(
            and(eq("_id", slot), eq("node", held.getString("node")), eq("at", held.getDate("at"))),
            Updates.combine(Updates.set("node", node), Updates.set("at", Date.from(now))),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER).comment(CLAIM_SCAN));
    return taken != null;
  }

  /**
   * Renews this node's claim; false when another node took the slot over (this one was too slow),
   * in which case it must stop working on it.
   */
  boolean renew(String slot, String node, Instant now) {
    return claims
            .updateOne(
                and(eq("_id", slot), eq("node", node)),
                Updates.set("at", Date.from(now)),
                new UpdateOptions().comment(CLAIM_SCAN))
            .getMatchedCount()
        == 1;
  }

  /** Deletes an hour's document once nothing is left in it. */
  void dropHourIfEmpty(String hour) {
    Document d = hours.find(eq("_id", hour)).first();
    if (d != null && d.getList("slots", String.class, List.of()).isEmpty()) {
      hours.deleteOne(eq("_id", hour));
    }
  }

  /** Slots whose claim is older than {@code lease}: their node stopped in the middle. */
  List<String> staleClaims(Instant now, Duration lease) {
    List<String> out = new ArrayList<>();
    claims
        .find()
        .comment(CLAIM_SCAN)
        .forEach(
            d -> {
              if (!d.getDate("at").toInstant().plus(lease).isAfter(now)) {
                out.add(d.getString("_id"));
              }
            });
    return out;
  }

  /** The slot is done: its bucket, its place in the hour and its claim go, in that order. */
  void finish(String slot) {
    buckets.deleteOne(eq("_id", slot));
    hours.updateOne(eq("_id", hourOf(minuteOf(slot))), Updates.pull("slots", slot));
    claims.deleteOne(eq("_id", slot));
  }

  Optional<Instant> cursor(String node) {
    Document d = cursors.find(eq("_id", node)).first();
    return d == null ? Optional.empty() : Optional.of(d.getDate("next").toInstant());
  }

  void cursor(String node, Instant next) {
    cursors.replaceOne(
        eq("_id", node),
        new Document("_id", node).append("next", Date.from(next)),
        new ReplaceOptions().upsert(true));
  }

  static Document toDocument(DueItem i) {
    Document d =
        new Document("_id", i.id()).append("kind", i.kind()).append("subject", i.subject());
    if (i.partnership() != null) {
      d.append("partnership", i.partnership());
    }
    if (i.flow() != null) {
      d.append("flow", i.flow());
    }
    if (i.occurrence() != null) {
      d.append("occurrence", i.occurrence());
    }
    if (i.period() != null) {
      d.append("period", i.period());
    }
    d.append("due", Date.from(i.due()));
    if (i.until() != null) {
      d.append("until", Date.from(i.until()));
    }
    return d.append("deferrals", i.deferrals());
  }

  static DueItem fromDocument(Document d) {
    Date until = d.getDate("until");
    return new DueItem(
        d.getString("_id"),
        d.getString("kind"),
        d.getString("subject"),
        d.getString("partnership"),
        d.getString("flow"),
        d.getString("occurrence"),
        d.getString("period"),
        d.getDate("due").toInstant(),
        until == null ? null : until.toInstant(),
        d.getInteger("deferrals", 0));
  }
}
