package org.peerloop.bot.channel.whatsapp;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.peerloop.bot.outbox.Attachment;
import org.peerloop.bot.outbox.Attachments;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Where Twilio fetches the files we send: signed, expiring links only ({@link FileLinks}). */
@RestController
@Conditional(WhatsAppEnabled.class)
class TwilioFilesController {

  private final Attachments attachments;
  private final FileLinks links;
  private final Clock clock;

  TwilioFilesController(Attachments attachments, FileLinks links, Clock clock) {
    this.attachments = attachments;
    this.links = links;
    this.clock = clock;
  }

  @GetMapping(FileLinks.PATH + "{token}")
  ResponseEntity<Resource> file(@PathVariable String token) {
    Optional<Attachment> a = links.read(token, clock.instant());
    Optional<Path> file = a.flatMap(attachments::open);
    if (file.isEmpty()) {
      return ResponseEntity.notFound().build();
    }
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(a.get().mediaType()))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(a.get().fileName()).build().toString())
        .body(new FileSystemResource(file.get()));
  }
}
