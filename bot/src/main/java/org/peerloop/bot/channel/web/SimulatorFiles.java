package org.peerloop.bot.channel.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.peerloop.bot.outbox.Attachment;
import org.peerloop.bot.outbox.Attachments;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Downloads of the files the bot sent a simulator user: served only when that id was sent to that
 * user (and is still in the transcript), as an attachment, never rendered by the browser.
 */
@RestController
@ConditionalOnProperty(name = "peerloop.simulator", havingValue = "true", matchIfMissing = true)
class SimulatorFiles {

  private final WebTranscripts transcripts;
  private final Attachments attachments;

  SimulatorFiles(WebTranscripts transcripts, Attachments attachments) {
    this.transcripts = transcripts;
    this.attachments = attachments;
  }

  static String url(String user, String id) {
    return "/api/v1/sim/" + user + "/files/" + id;
  }

  @GetMapping("/api/v1/sim/{user}/files/{id}")
  ResponseEntity<?> get(@PathVariable String user, @PathVariable String id) throws IOException {
    if (!SimulatorController.USER.matcher(user).matches()) {
      return ResponseEntity.badRequest()
          .contentType(MediaType.APPLICATION_JSON)
          .body(
              Map.of(
                  "error",
                  "user must be 1 to 32 of a-z, 0-9, - and _, starting with a letter or digit"));
    }
    Optional<Attachment> file = transcripts.file(user, id);
    Optional<Path> path = file.flatMap(attachments::open);
    if (path.isEmpty()) {
      return ResponseEntity.notFound().build();
    }
    long size;
    try {
      size = Files.size(path.get());
    } catch (NoSuchFileException e) {
      return ResponseEntity.notFound().build(); // cleaned up or erased a moment ago
    }
    Attachment a = file.get();
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(a.mediaType()))
        .contentLength(size)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(a.fileName(), StandardCharsets.UTF_8)
                .build()
                .toString())
        // The type is the bot's, the bytes may be a person's: the browser must not guess.
        .header("X-Content-Type-Options", "nosniff")
        .cacheControl(CacheControl.noStore())
        .body(new FileSystemResource(path.get()));
  }
}
