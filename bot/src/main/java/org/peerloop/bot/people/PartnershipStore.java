package org.peerloop.bot.people;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.peerloop.bot.store.DuplicateKeys;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Partnerships keyed by slug. There are few and they change rarely, so reads are served from a
 * cache that every write here refreshes (a change made by another instance shows after a restart or
 * the next write here; partnerships are edited by the admin, not in conversation).
 */
@Component
public class PartnershipStore {

  static final String COLLECTION = "partnerships";

  private final MongoCollection<Document> partnerships;
  private final Map<String, Optional<Partnership>> cache = new ConcurrentHashMap<>();

  PartnershipStore(MongoTemplate mongo) {
    this.partnerships = mongo.getCollection(COLLECTION);
  }

  /** Stores a new partnership; answers false when the slug is taken. */
  public boolean create(Partnership p) {
    boolean created = DuplicateKeys.insertOnce(() -> partnerships.insertOne(toDocument(p)));
    cache.remove(p.slug());
    return created;
  }

  public Optional<Partnership> find(String slug) {
    if (slug == null) {
      return Optional.empty();
    }
    return cache.computeIfAbsent(
        slug,
        s -> Optional.ofNullable(partnerships.find(eq("_id", s)).first()).map(this::fromDocument));
  }

  public void replace(Partnership p) {
    partnerships.replaceOne(eq("_id", p.slug()), toDocument(p));
    cache.remove(p.slug());
  }

  public List<Partnership> all() {
    List<Partnership> out = new ArrayList<>();
    partnerships.find().forEach(d -> out.add(fromDocument(d)));
    return out;
  }

  public boolean none() {
    return partnerships.find().limit(1).first() == null;
  }

  static Document toDocument(Partnership p) {
    return new Document("_id", p.slug())
        .append("name", p.name())
        .append("timezone", p.timezone())
        .append("language", p.language())
        .append(
            "organisations",
            p.organisations().stream()
                .map(o -> new Document("slug", o.slug()).append("name", o.name()))
                .toList())
        .append("objectives", p.objectives())
        .append("outcomeChallenge", p.outcomeChallenge())
        .append(
            "ladder",
            p.ladder().stream()
                .map(
                    i ->
                        new Document("id", i.id())
                            .append("tier", i.tier().slug())
                            .append("text", i.text())
                            .append("stakeholders", i.stakeholders())
                            .append("owner", i.owner())
                            .append("tracked", i.tracked()))
                .toList())
        .append("createdAt", Date.from(p.createdAt()));
  }

  private Partnership fromDocument(Document d) {
    List<Organisation> orgs =
        d.getList("organisations", Document.class, List.of()).stream()
            .map(o -> new Organisation(o.getString("slug"), o.getString("name")))
            .toList();
    List<LadderItem> ladder =
        d.getList("ladder", Document.class, List.of()).stream()
            .map(
                i ->
                    new LadderItem(
                        i.getString("id"),
                        Tier.parse(i.getString("tier")).orElse(Tier.EXPECT),
                        i.getString("text"),
                        i.getString("stakeholders"),
                        i.getString("owner"),
                        Boolean.TRUE.equals(i.getBoolean("tracked"))))
            .toList();
    Date created = d.getDate("createdAt");
    return new Partnership(
        d.getString("_id"),
        d.getString("name"),
        d.getString("timezone"),
        d.getString("language"),
        orgs,
        d.getList("objectives", String.class, List.of()),
        d.getString("outcomeChallenge"),
        ladder,
        created == null ? Instant.EPOCH : created.toInstant());
  }
}
