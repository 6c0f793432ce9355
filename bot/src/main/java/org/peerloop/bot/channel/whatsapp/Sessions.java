package org.peerloop.bot.channel.whatsapp;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.peerloop.bot.outbox.OutboundMessage;
import org.peerloop.bot.outbox.OutboxDocuments;
import org.springframework.context.annotation.Conditional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link Session}s in {@code whatsapp_sessions}, one per contact, always read and written by id.
 */
@Component
@Conditional(WhatsAppEnabled.class)
class Sessions {

  static final String COLLECTION = "whatsapp_sessions";

  private final MongoCollection<Document> sessions;

  Sessions(MongoTemplate mongo) {
    this.sessions = mongo.getCollection(COLLECTION);
  }

  Session find(String contactId) {
    Document d = sessions.find(eq("_id", contactId)).first();
    return d == null ? Session.NONE : session(d);
  }

  Optional<Document> raw(String contactId) {
    return Optional.ofNullable(sessions.find(eq("_id", contactId)).first());
  }

  /** The person wrote: the window is open for 24 hours from {@code at}. */
  void inbound(String contactId, Instant at) {
    sessions.updateOne(
        eq("_id", contactId),
        Updates.combine(Updates.max("lastInbound", Date.from(at)), Updates.unset("openerAt")),
        new UpdateOptions().upsert(true));
  }

  /** WhatsApp says the window is closed, whatever we thought: the next message is held. */
  void closed(String contactId) {
    sessions.updateOne(eq("_id", contactId), Updates.unset("lastInbound"));
  }

  void choices(String contactId, List<String> payloads) {
    sessions.updateOne(
        eq("_id", contactId),
        payloads.isEmpty() ? Updates.unset("choices") : Updates.set("choices", payloads),
        new UpdateOptions().upsert(true));
  }

  /** Keeps {@code m} until the person answers; the same message held twice is kept once. */
  void hold(String contactId, OutboundMessage m) {
    sessions.updateOne(
        eq("_id", contactId),
        Updates.addToSet("held", OutboxDocuments.toDocument(m)),
        new UpdateOptions().upsert(true));
  }

  void opened(String contactId, Instant at) {
    sessions.updateOne(
        eq("_id", contactId),
        Updates.set("openerAt", Date.from(at)),
        new UpdateOptions().upsert(true));
  }

  /**
   * The held messages {@code ids} went out again because of the inbound message {@code by}, which
   * is remembered so that Twilio's redelivery of it is recognised ({@link Session#releasedBy}).
   * Messages held meanwhile stay.
   */
  void released(String contactId, List<String> ids, String by) {
    sessions.updateOne(
        eq("_id", contactId),
        Updates.combine(
            Updates.pullByFilter(
                new Document("held", new Document("_id", new Document("$in", ids)))),
            Updates.set("releasedBy", by)));
  }

  /** Takes one message off the held list (it is being sent after all). */
  void unhold(String contactId, String id) {
    sessions.updateOne(
        eq("_id", contactId), Updates.pullByFilter(new Document("held", new Document("_id", id))));
  }

  /** Drops everything held: the flow it belonged to has closed. */
  void dropHeld(String contactId) {
    sessions.updateOne(eq("_id", contactId), Updates.set("held", List.of()));
  }

  void erase(String contactId) {
    sessions.deleteOne(eq("_id", contactId));
  }

  private static Session session(Document d) {
    Date last = d.getDate("lastInbound");
    Date opener = d.getDate("openerAt");
    return new Session(
        last == null ? null : last.toInstant(),
        opener == null ? null : opener.toInstant(),
        d.getList("choices", String.class, List.of()),
        d.getList("held", Document.class, List.of()).stream()
            .map(OutboxDocuments::fromDocument)
            .toList(),
        d.getString("releasedBy"));
  }
}
