package org.peerloop.bot.channel.telegram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.peerloop.bot.config.PeerLoopProperties;
import org.peerloop.bot.outbox.InboundFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.GetFile;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Downloads a file a person sent on Telegram ({@code telegram-file:<file_id>}): {@code getFile},
 * then the file itself from {@code <api url>/file/bot<token>/<path>}. Not through the library's own
 * download, which always goes to api.telegram.org whatever API URL is configured. Bots may download
 * at most 20 MB.
 */
@Component
@Conditional(TelegramEnabled.class)
class TelegramFiles implements InboundFiles {

  static final String PREFIX = "telegram-file:";
  static final long MAX_BYTES = 20L * 1024 * 1024;
  static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(TelegramFiles.class);

  private final TelegramClient client;
  private final String base;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  TelegramFiles(TelegramClient client, PeerLoopProperties properties) {
    this.client = client;
    String url = properties.telegram().apiUrl().strip();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.token = properties.telegram().token().strip();
  }

  @Override
  public boolean handles(String reference) {
    return reference != null && reference.startsWith(PREFIX);
  }

  @Override
  public Optional<InboundFiles.File> fetch(String reference) {
    String fileId = reference.substring(PREFIX.length()).strip();
    try {
      org.telegram.telegrambots.meta.api.objects.File f = client.execute(new GetFile(fileId));
      if (f.getFilePath() == null || (f.getFileSize() != null && f.getFileSize() > MAX_BYTES)) {
        return Optional.empty();
      }
      // One deadline for the whole download, body included: the author's chat waits on it.
      HttpResponse<byte[]> r =
          http.sendAsync(
                  HttpRequest.newBuilder(
                          URI.create(base + "/file/bot" + token + "/" + f.getFilePath()))
                      .timeout(DEADLINE)
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray())
              .get(DEADLINE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
      if (r.statusCode() != 200 || r.body().length > MAX_BYTES) {
        return Optional.empty();
      }
      String name = f.getFilePath().substring(f.getFilePath().lastIndexOf('/') + 1);
      return Optional.of(new InboundFiles.File(name, typeOf(name), r.body()));
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      log.warn("a telegram file could not be downloaded: {}", e.getClass().getSimpleName());
      return Optional.empty();
    } catch (TelegramApiException e) {
      log.warn("a telegram file could not be downloaded: {}", e.getClass().getSimpleName());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Telegram names the type only by the path's extension (photos are always JPEG). */
  static String typeOf(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
      return "image/jpeg";
    }
    if (n.endsWith(".png")) {
      return "image/png";
    }
    if (n.endsWith(".pdf")) {
      return "application/pdf";
    }
    if (n.endsWith(".docx")) {
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    }
    if (n.endsWith(".xlsx")) {
      return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }
    return "application/octet-stream";
  }
}
