package org.peerloop.bot.groups;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.peerloop.bot.people.InviteCodes;
import org.peerloop.bot.store.DuplicateKeys;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Which group chat belongs to which partnership ({@code group_links}, one per partnership, keyed by
 * its slug) and the one-time codes that link them ({@code group_codes}). A group may serve several
 * partnerships (a network's common group).
 */
@Component
public class GroupLinks {

  static final String LINKS = "group_links";
  static final String CODES = "group_codes";

  /** Long enough to add the bot to a group, short enough that a code seen in a chat goes stale. */
  public static final Duration CODE_LIFETIME = Duration.ofHours(1);

  private static final String SCAN = "scan-ok: group links are one per partnership";

  private final MongoCollection<Document> links;
  private final MongoCollection<Document> codes;

  GroupLinks(MongoTemplate mongo) {
    this.links = mongo.getCollection(LINKS);
    this.codes = mongo.getCollection(CODES);
  }

  /** A fresh code with which {@code memberId} can link a group to {@code partnership}. */
  public LinkCode newCode(String partnership, String memberId, Instant now) {
    // Their codes that nobody used: stale the moment a new one exists.
    codes.deleteMany(and(eq("memberId", memberId), eq("partnership", partnership)));
    for (int attempt = 0; ; attempt++) {
      LinkCode code =
          new LinkCode(InviteCodes.fresh(), partnership, memberId, now.plus(CODE_LIFETIME));
      Document d =
          new Document("_id", code.code())
              .append("partnership", partnership)
              .append("memberId", memberId)
              .append("expiresAt", Date.from(code.expiresAt()));
      if (DuplicateKeys.insertOnce(() -> codes.insertOne(d)) || attempt > 20) {
        return code;
      }
    }
  }

  /** The code as typed, if it exists (used or not yet used, expired or not). */
  public Optional<LinkCode> code(String typed) {
    String code = InviteCodes.normalise(typed);
    if (code == null) {
      return Optional.empty();
    }
    Document d = codes.find(eq("_id", code)).first();
    return Optional.ofNullable(d)
        .map(
            x ->
                new LinkCode(
                    x.getString("_id"),
                    x.getString("partnership"),
                    x.getString("memberId"),
                    x.getDate("expiresAt").toInstant()));
  }

  /**
   * Uses {@code code} to link the group at {@code channel}/{@code address}: answers the new link,
   * empty when the code was used up meanwhile (two taps, two instances). A group already linked to
   * the partnership is replaced; the code is gone either way.
   */
  public Optional<GroupLink> redeem(LinkCode code, String channel, String address, Instant now) {
    if (codes.findOneAndDelete(eq("_id", code.code())) == null) {
      return Optional.empty();
    }
    GroupLink link = new GroupLink(code.partnership(), channel, address, code.memberId(), now);
    links.replaceOne(
        eq("_id", link.partnership()), toDocument(link), new ReplaceOptions().upsert(true));
    return Optional.of(link);
  }

  public Optional<GroupLink> of(String partnership) {
    return Optional.ofNullable(links.find(eq("_id", partnership)).first())
        .map(GroupLinks::fromDocument);
  }

  /** The partnerships this group serves. */
  public List<GroupLink> at(String channel, String address) {
    List<GroupLink> out = new ArrayList<>();
    links
        .find(and(eq("channel", channel), eq("address", address)))
        .comment(SCAN)
        .forEach(d -> out.add(fromDocument(d)));
    return out;
  }

  public List<GroupLink> all() {
    List<GroupLink> out = new ArrayList<>();
    links.find().comment(SCAN).forEach(d -> out.add(fromDocument(d)));
    return out;
  }

  public boolean unlink(String partnership) {
    return links.deleteOne(eq("_id", partnership)).getDeletedCount() > 0;
  }

  /** The group is gone for us (the bot was removed): no partnership posts there any more. */
  public List<GroupLink> unlinkAll(String channel, String address) {
    List<GroupLink> gone = at(channel, address);
    for (GroupLink link : gone) {
      links.deleteOne(
          and(eq("_id", link.partnership()), eq("channel", channel), eq("address", address)));
    }
    return gone;
  }

  /** The group has a new address (a Telegram group became a supergroup). */
  public void moved(String channel, String from, String to) {
    links.updateMany(and(eq("channel", channel), eq("address", from)), Updates.set("address", to));
  }

  List<Document> codesOf(String memberId) {
    List<Document> out = new ArrayList<>();
    codes.find(eq("memberId", memberId)).comment(SCAN).forEach(out::add);
    return out;
  }

  List<Document> linkedBy(String memberId) {
    List<Document> out = new ArrayList<>();
    links.find(eq("linkedBy", memberId)).comment(SCAN).forEach(out::add);
    return out;
  }

  /** What /forget leaves: the links stay (the group still belongs to the partnership), nameless. */
  void forget(String memberId) {
    codes.deleteMany(eq("memberId", memberId));
    links.updateMany(eq("linkedBy", memberId), Updates.set("linkedBy", null));
  }

  private static Document toDocument(GroupLink link) {
    return new Document("_id", link.partnership())
        .append("channel", link.channel())
        .append("address", link.address())
        .append("linkedBy", link.linkedBy())
        .append("linkedAt", Date.from(link.linkedAt()));
  }

  private static GroupLink fromDocument(Document d) {
    return new GroupLink(
        d.getString("_id"),
        d.getString("channel"),
        d.getString("address"),
        d.getString("linkedBy"),
        d.getDate("linkedAt").toInstant());
  }
}
