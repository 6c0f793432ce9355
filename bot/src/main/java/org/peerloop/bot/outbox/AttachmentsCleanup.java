package org.peerloop.bot.outbox;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes attachments older than {@code peerloop.files.keep-days} (7): by then their message has
 * long been sent or failed, and a person who wants the file again asks for a fresh one.
 */
@Component
class AttachmentsCleanup {

  private static final Logger log = LoggerFactory.getLogger(AttachmentsCleanup.class);

  private final Attachments attachments;
  private final FilesProperties properties;
  private final Clock clock;

  private final java.util.List<KeptAttachments> kept;

  AttachmentsCleanup(
      Attachments attachments,
      FilesProperties properties,
      Clock clock,
      java.util.List<KeptAttachments> kept) {
    this.kept = kept;
    this.attachments = attachments;
    this.properties = properties;
    this.clock = clock;
  }

  @Scheduled(cron = "${peerloop.files.cleanup-cron:0 47 3 * * *}")
  void run() {
    java.util.Set<String> keep = new java.util.HashSet<>();
    kept.forEach(k -> keep.addAll(k.keys()));
    int removed =
        attachments.deleteOlderThan(
            clock.instant().minus(Duration.ofDays(properties.keepDays())), keep);
    if (removed > 0) {
      log.info("attachments cleanup removed {} files", removed);
    }
  }
}
