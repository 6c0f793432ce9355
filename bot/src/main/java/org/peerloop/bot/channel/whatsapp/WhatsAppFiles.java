package org.peerloop.bot.channel.whatsapp;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.bson.Document;
import org.peerloop.bot.outbox.InboundFiles;
import org.springframework.context.annotation.Conditional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * A file a person sent on WhatsApp ({@code twilio-media:<sid>/0}), as {@link MediaFetcher} stored
 * it. The fetch runs in the background when the message arrives: this waits a few seconds for it
 * when asked right away.
 */
@Component
@Conditional(WhatsAppEnabled.class)
class WhatsAppFiles implements InboundFiles {

  private static final long WAIT_MILLIS = 10_000;

  private final MongoCollection<Document> records;
  private final MediaFetcher fetcher;

  WhatsAppFiles(MongoTemplate mongo, MediaFetcher fetcher) {
    this.records = mongo.getCollection(MediaFetcher.COLLECTION);
    this.fetcher = fetcher;
  }

  @Override
  public boolean handles(String reference) {
    return reference != null && reference.startsWith("twilio-media:");
  }

  @Override
  public Optional<InboundFiles.File> fetch(String reference) {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    Document d = records.find(eq("_id", reference)).first();
    while (d == null && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
      d = records.find(eq("_id", reference)).first();
    }
    if (d == null || d.getString("key") == null) {
      return Optional.empty(); // not fetched, refused (type, size) or failed
    }
    Optional<Path> file = fetcher.file(d);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new InboundFiles.File(
              d.getString("name"), d.getString("type"), Files.readAllBytes(file.get())));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
