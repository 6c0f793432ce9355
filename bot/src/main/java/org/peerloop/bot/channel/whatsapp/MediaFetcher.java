package org.peerloop.bot.channel.whatsapp;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.peerloop.bot.config.PeerLoopProperties;
import org.peerloop.bot.ops.Redact;
import org.peerloop.bot.outbox.Attachment;
import org.peerloop.bot.outbox.Attachments;
import org.peerloop.bot.outbox.OutboundMessage;
import org.peerloop.bot.outbox.Outbox;
import org.peerloop.bot.outbox.Priority;
import org.peerloop.bot.outbox.Recipient;
import org.peerloop.bot.texts.BotTexts;
import org.peerloop.content.flow.FlowLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Fetches a file a person sent into storage PeerLoop controls (Twilio keeps media only until it is
 * deleted there, and its URLs need the account's credentials). In the background, so the webhook
 * answers at once; at most {@code peerloop.whatsapp.media-max-bytes}, read no further; only from
 * the Twilio API host we are configured with. What became of each file is in {@code
 * whatsapp_media}, keyed by the reference the answer holds ({@code twilio-media:<sid>/0}).
 *
 * <p>Twilio answers the authenticated request with a redirect to a short-lived address of its
 * storage; the credentials are not sent there.
 */
@Component
@Conditional(WhatsAppEnabled.class)
class MediaFetcher {

  static final String COLLECTION = "whatsapp_media";
  private static final Logger log = LoggerFactory.getLogger(MediaFetcher.class);

  private final Attachments store;
  private final org.peerloop.bot.contact.ContactStore contacts;
  private final Outbox outbox;
  private final WhatsAppProperties whatsapp;
  private final BotTexts texts;
  private final Clock clock;
  private final MongoCollection<Document> records;
  private final String authorization;
  private final URI api;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final ThreadPoolExecutor pool =
      new ThreadPoolExecutor(
          2,
          2,
          30,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(1_000),
          r -> {
            Thread t = new Thread(r, "whatsapp-media");
            t.setDaemon(true);
            return t;
          },
          new ThreadPoolExecutor.CallerRunsPolicy());

  MediaFetcher(
      Outbox outbox,
      org.peerloop.bot.contact.ContactStore contacts,
      WhatsAppProperties whatsapp,
      PeerLoopProperties properties,
      FlowLibrary flows,
      MongoTemplate mongo,
      Clock clock) {
    this.store = Attachments.in(mediaDirectory(properties));
    this.contacts = contacts;
    this.outbox = outbox;
    this.whatsapp = whatsapp;
    this.texts = new BotTexts(flows.catalog());
    this.clock = clock;
    this.records = mongo.getCollection(COLLECTION);
    PeerLoopProperties.Twilio t = properties.twilio();
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (t.accountSid().strip() + ":" + t.authToken().strip())
                        .getBytes(StandardCharsets.UTF_8));
    this.api = URI.create(t.apiUrl().strip());
  }

  void fetch(
      String contactId,
      String address,
      String messageId,
      Received.IncomingMedia media,
      String language,
      boolean wrote) {
    pool.execute(() -> fetchNow(contactId, address, messageId, media, language, wrote));
  }

  /** Synchronously (tests, and the pool's thread). */
  void fetchNow(
      String contactId,
      String address,
      String messageId,
      Received.IncomingMedia media,
      String language,
      boolean wrote) {
    if (kept(media.reference())) {
      return; // Twilio delivered the webhook again
    }
    String outcome;
    Attachment stored = null;
    try {
      URI url = source(URI.create(media.url()));
      if (url == null) {
        outcome = "refused: not a Twilio media address";
      } else {
        Optional<byte[]> bytes = download(url);
        if (bytes.isEmpty()) {
          outcome = "too large";
          tooLarge(contactId, address, messageId, language, wrote);
        } else {
          String name = messageId + extension(media.contentType());
          stored = store.put(contactId, name, media.contentType(), bytes.get());
          outcome = "kept";
          if (contacts.find(contactId).filter(c -> c.consented()).isEmpty()) {
            // The person asked to be forgotten while the file was on its way.
            store.deleteFor(contactId);
            return;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      outcome = "failed: " + e.getClass().getSimpleName();
      log.warn("whatsapp media {} not fetched: {}", Redact.id(messageId), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = "interrupted";
    }
    Document d =
        new Document("_id", media.reference())
            .append("contact", contactId)
            .append("type", media.contentType())
            .append("outcome", outcome)
            .append("at", Date.from(clock.instant()));
    if (stored != null) {
      d.append("key", stored.key()).append("name", stored.fileName());
    }
    records.replaceOne(eq("_id", media.reference()), d, new ReplaceOptions().upsert(true));
  }

  /**
   * Where to fetch a Twilio media URL: from Twilio, or through {@code PEERLOOP_TWILIO_API_URL} when
   * that is not Twilio (a proxy, the tests' fake), as every other request; null for any other host,
   * which a signed webhook never names.
   */
  private URI source(URI url) {
    String host = url.getHost() == null ? "" : url.getHost().toLowerCase(java.util.Locale.ROOT);
    boolean twilio =
        "https".equalsIgnoreCase(url.getScheme())
            && (host.equals("twilio.com") || host.endsWith(".twilio.com"));
    boolean ours = host.equalsIgnoreCase(api.getHost()) && url.getPort() == api.getPort();
    if (ours) {
      return url;
    }
    if (!twilio) {
      return null;
    }
    String apiHost = api.getHost() == null ? "" : api.getHost().toLowerCase(java.util.Locale.ROOT);
    if (apiHost.equals("twilio.com") || apiHost.endsWith(".twilio.com")) {
      return url;
    }
    String base = api.toString().replaceAll("/+$", "");
    return URI.create(
        base + url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
  }

  private boolean kept(String reference) {
    Document d = records.find(eq("_id", reference)).first();
    return d != null && "kept".equals(d.getString("outcome"));
  }

  /** Where the file of a {@code whatsapp_media} record is, if it was kept and is still there. */
  java.util.Optional<java.nio.file.Path> file(Document record) {
    if (record.getString("key") == null) {
      return java.util.Optional.empty();
    }
    return store.open(
        new org.peerloop.bot.outbox.Attachment(
            record.getString("key"), record.getString("name"), record.getString("type")));
  }

  /** Files people send are their answers: kept apart from the files we send, which expire. */
  private static java.nio.file.Path mediaDirectory(PeerLoopProperties properties) {
    try {
      if (properties.store().memory() || properties.dataDir() == null) {
        return java.nio.file.Files.createTempDirectory("peerloop-whatsapp-media-");
      }
      return properties.dataDir().resolve("whatsapp-media");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Optional<byte[]> download(URI url) throws IOException, InterruptedException {
    HttpResponse<InputStream> r =
        http.send(
            HttpRequest.newBuilder(url)
                .header("Authorization", authorization)
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    for (int hops = 0; r.statusCode() / 100 == 3 && hops < 3; hops++) {
      String location =
          r.headers()
              .firstValue("Location")
              .orElseThrow(() -> new IOException("redirect without Location"));
      r.body().close();
      // Twilio's storage address is signed itself: no credentials go there.
      r =
          http.send(
              HttpRequest.newBuilder(url.resolve(location))
                  .timeout(Duration.ofSeconds(60))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
    }
    try (InputStream in = r.body()) {
      if (r.statusCode() != 200) {
        throw new IOException("HTTP " + r.statusCode());
      }
      long max = whatsapp.mediaMaxBytes();
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      return bytes.length > max ? Optional.empty() : Optional.of(bytes);
    }
  }

  private void tooLarge(
      String contactId, String address, String messageId, String language, boolean wrote) {
    outbox.send(
        List.of(
            new OutboundMessage(
                contactId + "|whatsapp-media-too-big@" + messageId,
                new Recipient(contactId, TwilioForm.CHANNEL, address),
                texts.text(
                        language,
                        "whatsapp-media-too-big",
                        java.util.Map.of(
                            "size", String.valueOf(whatsapp.mediaMaxBytes() / (1024 * 1024))))
                    + (wrote ? " " + texts.text(language, "whatsapp-text-kept") : ""),
                List.of(),
                Priority.INTERACTIVE,
                null,
                clock.instant())));
  }

  private static String extension(String type) {
    return switch (type.split(";")[0].strip()) {
      case "audio/ogg" -> ".ogg";
      case "audio/mpeg" -> ".mp3";
      case "audio/mp4", "audio/aac" -> ".m4a";
      case "audio/amr" -> ".amr";
      case "image/jpeg" -> ".jpg";
      case "image/png" -> ".png";
      case "image/webp" -> ".webp";
      case "video/mp4" -> ".mp4";
      case "application/pdf" -> ".pdf";
      default -> ".bin";
    };
  }

  List<Document> forContact(String contactId) {
    List<Document> out = new ArrayList<>();
    records
        .find(eq("contact", contactId))
        .comment("scan-ok: a person's own data request")
        .forEach(out::add);
    return out;
  }

  void erase(String contactId) {
    records.deleteMany(eq("contact", contactId));
    store.deleteFor(contactId);
  }
}
