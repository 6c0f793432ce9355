package org.peerloop.bot.outbox;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets sent messages after {@code peerloop.outbox.keep-sent} (30 days): the embedded store has
 * no TTL indexes. Failed and skipped entries stay for the reports.
 */
@Component
class OutboxCleanup {

  private static final Logger log = LoggerFactory.getLogger(OutboxCleanup.class);

  private final OutboxStore store;
  private final OutboxProperties properties;
  private final Clock clock;

  OutboxCleanup(OutboxStore store, OutboxProperties properties, Clock clock) {
    this.store = store;
    this.properties = properties;
    this.clock = clock;
  }

  @Scheduled(cron = "${peerloop.outbox.cleanup-cron:0 17 3 * * *}")
  void run() {
    long removed = store.deleteSentBefore(clock.instant().minus(properties.keepSent()));
    if (removed > 0) {
      log.info("outbox cleanup removed {} sent entries", removed);
    }
  }
}
