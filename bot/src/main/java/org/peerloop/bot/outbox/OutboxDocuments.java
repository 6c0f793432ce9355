package org.peerloop.bot.outbox;

import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.peerloop.content.engine.Button;

/** Maps outbound messages to and from documents by hand: the hot path stays explicit. */
public final class OutboxDocuments {

  private OutboxDocuments() {}

  public static Document toDocument(OutboundMessage m) {
    Document d =
        new Document("_id", m.id())
            .append("contact", m.to().contactId())
            .append("channel", m.to().channel())
            .append("address", m.to().address())
            .append("text", m.text())
            .append(
                "buttons",
                m.buttons().stream()
                    .map(b -> new Document("label", b.label()).append("payload", b.payload()))
                    .toList())
            .append("priority", m.priority().name())
            .append("source", m.source())
            .append("createdAt", Date.from(m.createdAt()));
    // Only when there is one: a text message's document stays as small as before.
    Attachment a = m.attachment();
    if (a != null) {
      d.append(
          "attachment",
          new Document("key", a.key()).append("name", a.fileName()).append("type", a.mediaType()));
    }
    if (m.atMostOnce()) {
      d.append("once", true);
    }
    return d;
  }

  private static Attachment attachment(Document d) {
    return d == null
        ? null
        : new Attachment(d.getString("key"), d.getString("name"), d.getString("type"));
  }

  public static OutboundMessage fromDocument(Document d) {
    List<Button> buttons =
        d.getList("buttons", Document.class, List.of()).stream()
            .map(b -> new Button(b.getString("label"), b.getString("payload")))
            .toList();
    return new OutboundMessage(
        d.getString("_id"),
        new Recipient(d.getString("contact"), d.getString("channel"), d.getString("address")),
        d.getString("text"),
        buttons,
        Priority.valueOf(d.getString("priority")),
        d.getString("source"),
        d.getDate("createdAt").toInstant(),
        attachment(d.get("attachment", Document.class)),
        Boolean.TRUE.equals(d.getBoolean("once")));
  }
}
