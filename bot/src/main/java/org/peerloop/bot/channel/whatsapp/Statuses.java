package org.peerloop.bot.channel.whatsapp;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.peerloop.bot.outbox.OutboundMessage;
import org.peerloop.bot.outbox.OutboxDocuments;
import org.springframework.context.annotation.Conditional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Where each message we sent is, by its Twilio SID ({@code whatsapp_messages}): Twilio's status
 * callbacks move it along {@code queued → sent → delivered → read}, or to {@code failed} / {@code
 * undelivered} with the error code. Callbacks can arrive out of order (a "sent" after the
 * "delivered"); a status never moves back.
 */
@Component
@Conditional(WhatsAppEnabled.class)
class Statuses {

  static final String COLLECTION = "whatsapp_messages";

  private static final Map<String, Integer> RANK =
      Map.of(
          "accepted", 0,
          "queued", 0,
          "sending", 1,
          "sent", 2,
          "delivered", 3,
          "undelivered", 3,
          "failed", 3,
          "read", 4);

  private static final java.util.Set<String> REPORTED =
      java.util.Set.of("delivered", "read", "failed", "undelivered");

  private final MongoCollection<Document> messages;
  private final org.springframework.context.ApplicationEventPublisher events;

  Statuses(MongoTemplate mongo, org.springframework.context.ApplicationEventPublisher events) {
    this.messages = mongo.getCollection(COLLECTION);
    this.events = events;
  }

  /**
   * A message Twilio accepted: {@code sid} is ours to follow. A free text keeps the message itself,
   * so that a late "outside the window" (63016, which Twilio may report only in the callback) can
   * send it again behind a template.
   */
  void sent(String sid, OutboundMessage m, String contactId, String kind, Instant at) {
    Document d =
        new Document("_id", sid)
            .append("message", m.id())
            .append("contact", contactId)
            .append("kind", kind)
            .append("status", "queued")
            .append("at", Date.from(at))
            .append("updatedAt", Date.from(at));
    if (!kind.startsWith("template:")) {
      d.append("outbound", OutboxDocuments.toDocument(m));
    }
    messages.insertOne(d);
  }

  Optional<OutboundMessage> outbound(String sid) {
    return find(sid).map(d -> d.get("outbound", Document.class)).map(OutboxDocuments::fromDocument);
  }

  /** What the callback changed: empty for an unknown message (nothing is created for it). */
  enum Moved {
    UNKNOWN,
    MOVED,
    IGNORED
  }

  Moved update(String sid, String status, String errorCode, Instant at) {
    Document d = messages.find(eq("_id", sid)).first();
    if (d == null) {
      return Moved.UNKNOWN;
    }
    Integer next = RANK.get(status);
    Integer now = RANK.get(d.getString("status"));
    if (next == null || (now != null && next <= now)) {
      return Moved.IGNORED; // an unknown status, or one arriving after a later one
    }
    List<org.bson.conversions.Bson> changes = new ArrayList<>();
    changes.add(Updates.set("status", status));
    changes.add(Updates.set("errorCode", errorCode));
    changes.add(Updates.set("updatedAt", Date.from(at)));
    if (status.equals("delivered") || status.equals("read")) {
      changes.add(Updates.unset("outbound")); // kept only for a late 63016, which cannot come now
    }
    messages.updateOne(eq("_id", sid), Updates.combine(changes));
    if (REPORTED.contains(status) && d.getString("message") != null) {
      // Broadcasts count deliveries and reads by the outbox's message id.
      events.publishEvent(
          new org.peerloop.bot.outbox.DeliveryReceipt(
              d.getString("message"), status, errorCode, at));
    }
    return Moved.MOVED;
  }

  Optional<Document> find(String sid) {
    return Optional.ofNullable(messages.find(eq("_id", sid)).first());
  }

  List<Document> forContact(String contactId) {
    List<Document> out = new ArrayList<>();
    messages
        .find(eq("contact", contactId))
        .comment("scan-ok: a person's own data request")
        .forEach(out::add);
    return out;
  }

  /** Rare (a /forget), so a scan is acceptable; old statuses are for the cleanup to drop. */
  void erase(String contactId) {
    messages.deleteMany(
        eq("contact", contactId),
        new com.mongodb.client.model.DeleteOptions().comment("scan-ok: a person's erasure"));
  }
}
