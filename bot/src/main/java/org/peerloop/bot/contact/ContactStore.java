package org.peerloop.bot.contact;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.peerloop.bot.outbox.RecipientStatus;
import org.peerloop.bot.store.DuplicateKeys;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Contacts keyed by {@code channel:address}; every read and write is by that id. */
@Component
public class ContactStore implements RecipientStatus {

  static final String COLLECTION = "contacts";

  private final MongoCollection<Document> contacts;
  private final FreshCache<Optional<Contact>> cache;

  ContactStore(MongoTemplate mongo, Clock clock) {
    this.contacts = mongo.getCollection(COLLECTION);
    this.cache = new FreshCache<>(clock, FreshCache.FRESH_FOR);
  }

  /** The most recently added of {@code contactIds} that has not stopped messages. */
  public Optional<Contact> reachable(List<String> contactIds) {
    for (int i = contactIds.size() - 1; i >= 0; i--) {
      Optional<Contact> c = find(contactIds.get(i)).filter(x -> !x.stopped());
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  /**
   * The contact, read at most every few seconds: every message and every send asks, and a contact
   * changes rarely (and through this class, which evicts on each change).
   */
  public Optional<Contact> find(String id) {
    Optional<Contact> cached = cache.get(id);
    if (cached != null) {
      return cached;
    }
    long stamp = cache.stamp();
    Optional<Contact> read =
        Optional.ofNullable(contacts.find(eq("_id", id)).first()).map(ContactStore::toContact);
    cache.put(id, read, stamp);
    return read;
  }

  /**
   * Many contacts at once, read by key in batches (a broadcast's audience): absent ids are left
   * out. Not cached: a broadcast reads each once.
   */
  public java.util.Map<String, Contact> findAll(java.util.Collection<String> ids) {
    java.util.Map<String, Contact> out = new java.util.HashMap<>();
    List<String> all = List.copyOf(new java.util.LinkedHashSet<>(ids));
    for (int i = 0; i < all.size(); i += 500) {
      contacts
          .find(
              com.mongodb.client.model.Filters.in(
                  "_id", all.subList(i, Math.min(all.size(), i + 500))))
          .forEach(d -> out.put(d.getString("_id"), toContact(d)));
    }
    return out;
  }

  /** Creates the contact unless it exists (a replay); answers the stored one either way. */
  public Contact create(String channel, String address, String language, Instant now) {
    String id = Contact.idOf(channel, address);
    Document doc =
        new Document("_id", id)
            .append("channel", channel)
            .append("address", address)
            .append("language", language)
            .append("status", ContactStatus.ACTIVE.name())
            .append("consent", Consent.NONE.name())
            .append("createdAt", Date.from(now));
    DuplicateKeys.insertOnce(() -> contacts.insertOne(doc));
    cache.evict(id);
    return find(id).orElseThrow();
  }

  public void consent(String id, String version, Instant at) {
    contacts.updateOne(
        eq("_id", id),
        Updates.combine(
            Updates.set("consent", Consent.GIVEN.name()),
            Updates.set("consentVersion", version),
            Updates.set("consentAt", Date.from(at))));
    cache.evict(id);
  }

  public void decline(String id, Instant at) {
    contacts.updateOne(
        eq("_id", id),
        Updates.combine(
            Updates.set("consent", Consent.DECLINED.name()),
            Updates.set("consentAt", Date.from(at)),
            Updates.unset("invite")));
    cache.evict(id);
  }

  /** Remembers the invite code the person is joining with (part of their onboarding step). */
  public void joining(String id, String inviteCode) {
    set(id, Updates.set("invite", inviteCode));
  }

  /** The person joined: this identity is now one of the member's. */
  public void link(String id, String memberId) {
    set(id, Updates.combine(Updates.set("memberId", memberId), Updates.unset("invite")));
  }

  public void language(String id, String language) {
    set(id, Updates.set("language", language));
  }

  /** Back to a stranger who has not consented: a fresh join starts from here. */
  public void restartOnboarding(String id) {
    set(
        id,
        Updates.combine(
            Updates.set("consent", Consent.NONE.name()),
            Updates.unset("consentVersion"),
            Updates.unset("consentAt"),
            Updates.unset("invite")));
  }

  /** Erases the identity (the person asked us to forget them). */
  public void delete(String id) {
    contacts.deleteOne(eq("_id", id));
    cache.evict(id);
  }

  /** The contact as stored, for a person's own copy of their data. */
  public Optional<Document> raw(String id) {
    return Optional.ofNullable(contacts.find(eq("_id", id)).first());
  }

  private void set(String id, org.bson.conversions.Bson update) {
    contacts.updateOne(eq("_id", id), update);
    cache.evict(id);
  }

  public void stop(String id) {
    contacts.updateOne(eq("_id", id), Updates.set("status", ContactStatus.STOPPED.name()));
    cache.evict(id);
  }

  public void reactivate(String id) {
    contacts.updateOne(eq("_id", id), Updates.set("status", ContactStatus.ACTIVE.name()));
    cache.evict(id);
  }

  /** Asked by the outbox before every send; answered from the contact cache. */
  @Override
  public boolean stopped(String contactId) {
    return find(contactId).map(Contact::stopped).orElse(false);
  }

  @Override
  public void gone(String contactId, String reason) {
    stop(contactId);
  }

  private static Contact toContact(Document d) {
    Date consentAt = d.getDate("consentAt");
    return new Contact(
        d.getString("_id"),
        d.getString("channel"),
        d.getString("address"),
        d.getString("language"),
        ContactStatus.valueOf(d.getString("status")),
        Consent.valueOf(d.getString("consent")),
        d.getString("consentVersion"),
        consentAt == null ? null : consentAt.toInstant(),
        d.getDate("createdAt").toInstant(),
        d.getString("memberId"),
        d.getString("invite"));
  }
}
