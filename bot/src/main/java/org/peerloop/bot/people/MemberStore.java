package org.peerloop.bot.people;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.peerloop.bot.contact.FreshCache;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Members keyed by id. Conversations read a member on every message (names, roles, time zone), so
 * reads go through a short cache that writes here evict. Changes are read-modify-replace: callers
 * in conversation hold the person's lock; the admin API writes members that have not joined yet.
 */
@Component
public class MemberStore {

  static final String COLLECTION = "members";
  static final String LIST_SCAN = "scan-ok: the admin lists a partnership's members";

  private final MongoCollection<Document> members;
  private final FreshCache<Optional<Member>> cache;

  MemberStore(MongoTemplate mongo, Clock clock) {
    this.members = mongo.getCollection(COLLECTION);
    this.cache = new FreshCache<>(clock, FreshCache.FRESH_FOR);
  }

  public Optional<Member> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Optional<Member> cached = cache.get(id);
    if (cached != null) {
      return cached;
    }
    long stamp = cache.stamp();
    Optional<Member> read =
        Optional.ofNullable(members.find(eq("_id", id)).first()).map(MemberStore::fromDocument);
    cache.put(id, read, stamp);
    return read;
  }

  /** Many members at once, read by key in batches (a broadcast's audience); absent ids left out. */
  public java.util.Map<String, Member> findAll(java.util.Collection<String> ids) {
    java.util.Map<String, Member> out = new java.util.HashMap<>();
    List<String> all = List.copyOf(new java.util.LinkedHashSet<>(ids));
    for (int i = 0; i < all.size(); i += 500) {
      members
          .find(
              com.mongodb.client.model.Filters.in(
                  "_id", all.subList(i, Math.min(all.size(), i + 500))))
          .forEach(d -> out.put(d.getString("_id"), fromDocument(d)));
    }
    return out;
  }

  /** Stores the member whole (a create or a replay of one). */
  public void save(Member m) {
    members.replaceOne(eq("_id", m.id()), toDocument(m), new ReplaceOptions().upsert(true));
    cache.evict(m.id());
  }

  /** Applies {@code change} to the stored member; answers the result, empty when there is none. */
  public Optional<Member> update(String id, UnaryOperator<Member> change) {
    cache.evict(id);
    Optional<Member> now = find(id).map(change);
    now.ifPresent(this::save);
    return now;
  }

  public void delete(String id) {
    members.deleteOne(eq("_id", id));
    cache.evict(id);
  }

  /** Every member with a place in {@code partnership}; an admin listing, not a hot path. */
  public List<Member> inPartnership(String partnership) {
    List<Member> out = new ArrayList<>();
    members
        .find(eq("memberships.partnership", partnership))
        .comment(LIST_SCAN)
        .forEach(d -> out.add(fromDocument(d)));
    return out;
  }

  /**
   * Coordinators and everyone who leads a partnership: a few dozen in a programme, listed for the
   * leaders' command menus, not on a hot path.
   */
  public List<Member> leaders() {
    List<String> roles =
        java.util.Arrays.stream(Role.values()).filter(Role::leads).map(Role::slug).toList();
    List<Member> out = new ArrayList<>();
    members
        .find(
            com.mongodb.client.model.Filters.or(
                eq("coordinator", true),
                com.mongodb.client.model.Filters.in("memberships.role", roles)))
        .comment("scan-ok: the leaders, for their commands menus every few minutes")
        .forEach(d -> out.add(fromDocument(d)));
    return out;
  }

  /** The member as stored, for a person's own copy of their data. */
  public Optional<Document> raw(String id) {
    return Optional.ofNullable(members.find(eq("_id", id)).first());
  }

  static Document toDocument(Member m) {
    return new Document("_id", m.id())
        .append("name", m.name())
        .append("language", m.language())
        .append("timezone", m.timezone())
        .append("status", m.status().name())
        .append(
            "memberships",
            m.memberships().stream()
                .map(
                    s ->
                        new Document("partnership", s.partnership())
                            .append("organisation", s.organisation())
                            .append("role", s.role().slug()))
                .toList())
        .append("coordinator", m.coordinator())
        .append("contacts", m.contacts())
        .append("invitedAs", m.invitedAs())
        .append("consentVersion", m.consentVersion())
        .append("consentAt", date(m.consentAt()))
        .append("defaultPartnership", m.defaultPartnership())
        .append("createdAt", date(m.createdAt()));
  }

  static Member fromDocument(Document d) {
    return new Member(
        d.getString("_id"),
        d.getString("name"),
        d.getString("language"),
        d.getString("timezone"),
        MemberStatus.valueOf(d.getString("status")),
        d.getList("memberships", Document.class, List.of()).stream()
            .map(
                s ->
                    new Membership(
                        s.getString("partnership"),
                        s.getString("organisation"),
                        Role.parse(s.getString("role")).orElse(Role.PEER)))
            .toList(),
        Boolean.TRUE.equals(d.getBoolean("coordinator")),
        d.getList("contacts", String.class, List.of()),
        d.getString("invitedAs"),
        d.getString("consentVersion"),
        instant(d.getDate("consentAt")),
        d.getString("defaultPartnership"),
        instant(d.getDate("createdAt")));
  }

  private static Date date(Instant i) {
    return i == null ? null : Date.from(i);
  }

  private static Instant instant(Date d) {
    return d == null ? null : d.toInstant();
  }
}
