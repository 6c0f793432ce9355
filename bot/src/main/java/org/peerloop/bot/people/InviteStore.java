package org.peerloop.bot.people;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.peerloop.bot.store.DuplicateKeys;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Invite codes keyed by the code itself. */
@Component
public class InviteStore {

  static final String COLLECTION = "invites";
  static final String LIST_SCAN = "scan-ok: the admin checks a partnership's invites";

  private final MongoCollection<Document> invites;

  InviteStore(MongoTemplate mongo) {
    this.invites = mongo.getCollection(COLLECTION);
  }

  /** A new invite under a fresh random code. */
  public Invite create(
      String partnership,
      String organisation,
      Role role,
      int maxUses,
      Instant expiresAt,
      String memberId,
      Instant now) {
    for (int attempt = 0; ; attempt++) {
      Invite invite =
          new Invite(
              InviteCodes.fresh(),
              partnership,
              organisation,
              role,
              maxUses,
              0,
              expiresAt,
              memberId,
              now);
      if (createWithCode(invite) || attempt > 20) {
        return invite;
      }
    }
  }

  /** Stores an invite under its own code; false when the code exists (a demo code on restart). */
  public boolean createWithCode(Invite invite) {
    return DuplicateKeys.insertOnce(() -> invites.insertOne(toDocument(invite)));
  }

  public Optional<Invite> find(String typed) {
    String code = InviteCodes.normalise(typed);
    if (code == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(invites.find(eq("_id", code)).first())
        .map(InviteStore::fromDocument);
  }

  /**
   * Counts one use, unless the code is used up or expired at {@code now}: answers the invite as it
   * was before this use, empty when it could not be used. The use count only ever grows inside the
   * update's own filter, so two people joining at once cannot both take the last place.
   */
  public Optional<Invite> redeem(String code, Instant now) {
    Optional<Invite> found = find(code);
    if (found.isEmpty() || !found.get().usableAt(now)) {
      return Optional.empty();
    }
    Invite i = found.get();
    Document before =
        invites.findOneAndUpdate(
            Filters.and(eq("_id", i.code()), Filters.lt("uses", i.maxUses())),
            Updates.inc("uses", 1));
    return Optional.ofNullable(before).map(InviteStore::fromDocument);
  }

  /** Every invite of {@code partnership}; an admin check, not a hot path. */
  public List<Invite> forPartnership(String partnership) {
    List<Invite> out = new ArrayList<>();
    invites
        .find(eq("partnership", partnership))
        .comment(LIST_SCAN)
        .forEach(d -> out.add(fromDocument(d)));
    return out;
  }

  public void deleteFor(String memberId) {
    invites.deleteMany(eq("memberId", memberId));
  }

  static Document toDocument(Invite i) {
    return new Document("_id", i.code())
        .append("partnership", i.partnership())
        .append("organisation", i.organisation())
        .append("role", i.role().slug())
        .append("maxUses", i.maxUses())
        .append("uses", i.uses())
        .append("expiresAt", i.expiresAt() == null ? null : Date.from(i.expiresAt()))
        .append("memberId", i.memberId())
        .append("createdAt", Date.from(i.createdAt()));
  }

  static Invite fromDocument(Document d) {
    Date expires = d.getDate("expiresAt");
    return new Invite(
        d.getString("_id"),
        d.getString("partnership"),
        d.getString("organisation"),
        Role.parse(d.getString("role")).orElse(Role.PEER),
        d.getInteger("maxUses", 1),
        d.getInteger("uses", 0),
        expires == null ? null : expires.toInstant(),
        d.getString("memberId"),
        d.getDate("createdAt").toInstant());
  }
}
