package org.peerloop.bot.broadcast;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.peerloop.bot.outbox.Attachment;
import org.peerloop.bot.people.Role;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code broadcasts} (a few per partnership and month, listed by scanning) and {@code
 * broadcast_recipients} (one per person per broadcast, read and written by key only: {@code
 * <broadcast>|<n>} for n below the broadcast's {@code recipients}).
 */
@Component
class BroadcastStore {

  static final String BROADCASTS = "broadcasts";
  static final String RECIPIENTS = "broadcast_recipients";
  static final String AUDIENCES = "broadcast_audiences";
  static final int BATCH = 500;
  private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

  private final MongoCollection<Document> broadcasts;
  private final MongoCollection<Document> recipients;
  private final MongoCollection<Document> audiences;
  private final SecureRandom random = new SecureRandom();

  BroadcastStore(MongoTemplate mongo) {
    this.broadcasts = mongo.getCollection(BROADCASTS);
    this.recipients = mongo.getCollection(RECIPIENTS);
    this.audiences = mongo.getCollection(AUDIENCES);
  }

  String newId() {
    StringBuilder b = new StringBuilder("b");
    for (int i = 0; i < 9; i++) {
      b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }

  /** Stores the draft; an id already there (a replayed chat step) is left as it is. */
  void insert(Broadcast b) {
    insert(b, null);
  }

  /** {@code batch}: the drafts of one message to several partnerships share it, else null. */
  void insert(Broadcast b, String batch) {
    Document d = toDocument(b);
    if (batch != null) {
      d.append("batch", batch);
    }
    org.peerloop.bot.store.DuplicateKeys.insertOnce(() -> broadcasts.insertOne(d));
  }

  List<Broadcast> batch(String batch) {
    List<Broadcast> out = new ArrayList<>();
    broadcasts
        .find(eq("batch", batch))
        .sort(Sorts.ascending("_id"))
        .forEach(d -> out.add(fromDocument(d)));
    return out;
  }

  Optional<Broadcast> find(String id) {
    return raw(id).map(BroadcastStore::fromDocument);
  }

  Optional<Document> raw(String id) {
    return Optional.ofNullable(broadcasts.find(eq("_id", id)).first());
  }

  /** The partnership's broadcasts, newest first. */
  List<Document> ofPartnership(String partnership, int limit) {
    List<Document> out = new ArrayList<>();
    broadcasts
        .find(eq("partnership", partnership))
        .sort(Sorts.descending("createdAt"))
        .limit(limit)
        .forEach(out::add);
    return out;
  }

  /**
   * The files of broadcasts that may still send them: scheduled or sending, ended less than {@code
   * after} ago (WhatsApp messages held outside the 24-hour window go when the person replies, up to
   * a week later), or drafts younger than {@code after}.
   */
  java.util.Set<String> activeAttachments(Instant now, java.time.Duration after) {
    java.util.Set<String> out = new java.util.HashSet<>();
    Date since = Date.from(now.minus(after));
    broadcasts
        .find(
            Filters.and(
                Filters.exists("attachment"),
                Filters.or(
                    Filters.in(
                        "state",
                        List.of(BroadcastState.SCHEDULED.value(), BroadcastState.SENDING.value())),
                    Filters.and(
                        eq("state", BroadcastState.DRAFT.value()), Filters.gt("createdAt", since)),
                    Filters.gt("finishedAt", since))))
        .forEach(d -> out.add(d.get("attachment", Document.class).getString("key")));
    return out;
  }

  List<Broadcast> inState(BroadcastState state) {
    List<Broadcast> out = new ArrayList<>();
    broadcasts.find(eq("state", state.value())).forEach(d -> out.add(fromDocument(d)));
    return out;
  }

  /**
   * Moves the broadcast from {@code from} to {@code to} with {@code also}; false when it was not in
   * {@code from} (a second confirm, a cancel racing the end). The filter names the state: the
   * collection is small and cold, so the compare-and-set may live there.
   */
  boolean move(String id, BroadcastState from, BroadcastState to, Bson... also) {
    List<Bson> changes = new ArrayList<>(List.of(also));
    changes.add(Updates.set("state", to.value()));
    return broadcasts
            .updateOne(
                Filters.and(eq("_id", id), eq("state", from.value())), Updates.combine(changes))
            .getModifiedCount()
        == 1;
  }

  void set(String id, Bson update) {
    broadcasts.updateOne(eq("_id", id), update);
  }

  /** Adds {@code counts} to the broadcast's counts, cell by cell. */
  void add(String broadcast, Counts counts) {
    List<Bson> inc = new ArrayList<>();
    counts.cells.forEach(
        (ch, orgs) ->
            orgs.forEach(
                (org, states) ->
                    states.forEach(
                        (state, n) -> inc.add(Updates.inc(Counts.path(ch, org, state), n)))));
    counts.reasons.forEach(
        (state, byReason) ->
            byReason.forEach(
                (reason, n) -> inc.add(Updates.inc(Counts.reasonPath(state, reason), n))));
    if (!inc.isEmpty()) {
      broadcasts.updateOne(eq("_id", broadcast), Updates.combine(inc));
    }
  }

  /**
   * Writes the recipients. A confirm picked up again after a crash writes the same ids again: those
   * already there are kept as they are (they may have moved on since), the rest are added.
   */
  void writeRecipients(List<Recipient> list) {
    for (int i = 0; i < list.size(); i += BATCH) {
      List<Document> docs =
          list.subList(i, Math.min(list.size(), i + BATCH)).stream()
              .map(BroadcastStore::toDocument)
              .toList();
      try {
        recipients.insertMany(
            docs, new com.mongodb.client.model.InsertManyOptions().ordered(false));
      } catch (com.mongodb.MongoBulkWriteException e) {
        boolean onlyDuplicates =
            e.getWriteConcernError() == null
                && e.getWriteErrors().stream()
                    .allMatch(w -> w.getCategory() == com.mongodb.ErrorCategory.DUPLICATE_KEY);
        if (!onlyDuplicates) {
          throw e;
        }
      }
    }
  }

  /** Recipients {@code from} (inclusive) to {@code to} (exclusive) of the broadcast, in order. */
  List<Recipient> recipients(String broadcast, int from, int to) {
    List<String> ids = new ArrayList<>();
    for (int n = from; n < to; n++) {
      ids.add(Recipient.id(broadcast, n));
    }
    return byIds(ids);
  }

  List<Recipient> byIds(List<String> ids) {
    Map<String, Recipient> found = new java.util.HashMap<>();
    for (int i = 0; i < ids.size(); i += BATCH) {
      recipients
          .find(Filters.in("_id", ids.subList(i, Math.min(ids.size(), i + BATCH))))
          .forEach(d -> found.put(d.getString("_id"), fromRecipient(d)));
    }
    List<Recipient> out = new ArrayList<>(found.size());
    for (String id : ids) {
      Recipient r = found.get(id);
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * The members a broadcast goes to, in their numbered order, saved before anything is sent: a
   * confirm picked up again after a crash numbers the same people the same way.
   */
  void saveAudience(String broadcast, List<String> memberIds) {
    org.peerloop.bot.store.DuplicateKeys.insertOnce(
        () -> audiences.insertOne(new Document("_id", broadcast).append("members", memberIds)));
  }

  Optional<List<String>> audience(String broadcast) {
    return Optional.ofNullable(audiences.find(eq("_id", broadcast)).first())
        .map(d -> d.getList("members", String.class, List.of()));
  }

  /** One recipient's move, and the platform's id for what was sent, if any. */
  record Move(String id, String state, String reason, String platformId, Instant at) {}

  void move(List<Move> moves) {
    if (moves.isEmpty()) {
      return;
    }
    List<WriteModel<Document>> writes = new ArrayList<>();
    for (Move m : moves) {
      List<Bson> set = new ArrayList<>();
      set.add(Updates.set("state", m.state()));
      set.add(Updates.set("at", Date.from(m.at())));
      if (m.reason() != null) {
        set.add(Updates.set("reason", m.reason()));
      }
      if (m.platformId() != null) {
        set.add(Updates.set("platformId", m.platformId()));
      }
      writes.add(new UpdateOneModel<>(eq("_id", m.id()), Updates.combine(set)));
    }
    recipients.bulkWrite(writes);
  }

  /** The people a member's erasure concerns: their broadcasts and their recipient entries. */
  List<Document> authoredBy(String member) {
    List<Document> out = new ArrayList<>();
    broadcasts.find(eq("createdBy", member)).forEach(out::add);
    return out;
  }

  List<Document> receivedBy(String member) {
    List<Document> out = new ArrayList<>();
    recipients
        .find(eq("member", member))
        .comment("scan-ok: a person's own data request")
        .forEach(out::add);
    return out;
  }

  /**
   * Forgets the person: their recipient entries keep only channel, organisation and state (the
   * counts must stay true), and broadcasts they wrote lose their name.
   */
  void forget(String member) {
    recipients.updateMany(
        eq("member", member),
        Updates.combine(
            Updates.unset("member"), Updates.unset("contact"), Updates.unset("address")),
        new com.mongodb.client.model.UpdateOptions().comment("scan-ok: a person's erasure"));
    broadcasts.updateMany(
        eq("createdBy", member),
        Updates.combine(Updates.unset("createdBy"), Updates.unset("authorName")));
    // Their place in saved audiences stays (the numbering must not shift), without their id.
    for (Document d : audiences.find(eq("members", member))) {
      List<String> ids = new ArrayList<>(d.getList("members", String.class));
      ids.replaceAll(x -> x.equals(member) ? "-" : x);
      audiences.updateOne(eq("_id", d.getString("_id")), Updates.set("members", ids));
    }
  }

  static Document toDocument(Broadcast b) {
    Document d =
        new Document("_id", b.id())
            .append("partnership", b.partnership())
            .append("organisation", b.audience().organisation())
            .append("role", b.audience().role() == null ? null : b.audience().role().slug())
            .append("text", b.text())
            .append("link", b.link())
            .append("createdBy", b.createdBy())
            .append("authorName", b.authorName())
            .append("language", b.language())
            .append("sendAt", b.sendAt() == null ? null : b.sendAt().text())
            .append("state", b.state().value())
            .append("recipients", b.recipients())
            .append("createdAt", Date.from(b.createdAt()))
            .append("confirmedAt", date(b.confirmedAt()))
            .append("finishedAt", date(b.finishedAt()));
    Attachment a = b.attachment();
    if (a != null) {
      d.append(
          "attachment",
          new Document("key", a.key()).append("name", a.fileName()).append("type", a.mediaType()));
    }
    return d;
  }

  static Broadcast fromDocument(Document d) {
    Document a = d.get("attachment", Document.class);
    return new Broadcast(
        d.getString("_id"),
        d.getString("partnership"),
        new Audience(d.getString("organisation"), Role.parse(d.getString("role")).orElse(null)),
        d.getString("text"),
        d.getString("link"),
        a == null
            ? null
            : new Attachment(a.getString("key"), a.getString("name"), a.getString("type")),
        d.getString("createdBy"),
        d.getString("authorName"),
        d.getString("language"),
        SendAt.parse(d.getString("sendAt")).orElse(null),
        BroadcastState.of(d.getString("state")),
        d.getInteger("recipients", 0),
        d.getDate("createdAt").toInstant(),
        instant(d.getDate("confirmedAt")),
        instant(d.getDate("finishedAt")));
  }

  static Document toDocument(Recipient r) {
    return new Document("_id", r.id())
        .append("b", r.broadcast())
        .append("n", r.n())
        .append("member", r.member())
        .append("contact", r.contact())
        .append("channel", r.channel())
        .append("address", r.address())
        .append("org", r.organisation())
        .append("lang", r.language())
        .append("due", date(r.due()))
        .append("state", r.state())
        .append("reason", r.reason());
  }

  static Recipient fromRecipient(Document d) {
    return new Recipient(
        d.getString("_id"),
        d.getString("b"),
        d.getInteger("n", -1),
        d.getString("member"),
        d.getString("contact"),
        d.getString("channel"),
        d.getString("address"),
        d.getString("org"),
        d.getString("lang"),
        instant(d.getDate("due")),
        d.getString("state"),
        d.getString("reason"));
  }

  private static Date date(Instant i) {
    return i == null ? null : Date.from(i);
  }

  private static Instant instant(Date d) {
    return d == null ? null : d.toInstant();
  }
}
