package org.peerloop.bot.instruments;

import java.time.Instant;
import java.util.Date;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * One piece of evidence for a reported change: words, a link, or a media reference (a voice note or
 * photo kept by the chat platform, e.g. {@code telegram-file:…}).
 */
record Evidence(String kind, String value, Instant at) {

  private static final Pattern MEDIA = Pattern.compile("[a-z]+-file:\\S+");
  private static final Pattern LINK = Pattern.compile("(?i)https?://\\S+");

  static Evidence of(String value, Instant at) {
    String v = value.strip();
    String kind =
        MEDIA.matcher(v).matches() ? "media" : LINK.matcher(v).matches() ? "link" : "text";
    return new Evidence(kind, v, at);
  }

  Document toDocument() {
    return new Document("kind", kind).append("value", value).append("at", Date.from(at));
  }

  static Evidence fromDocument(Document d) {
    Date at = d.getDate("at");
    return new Evidence(
        d.getString("kind"), d.getString("value"), at == null ? Instant.EPOCH : at.toInstant());
  }
}
