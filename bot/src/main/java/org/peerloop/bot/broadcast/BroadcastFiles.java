package org.peerloop.bot.broadcast;

import java.util.Set;
import org.peerloop.bot.outbox.KeptAttachments;
import org.springframework.stereotype.Component;

/**
 * A key message's file stays while the broadcast may still send it: scheduled (up to 90 days
 * ahead), sending, or ended less than 8 days ago (WhatsApp releases held messages when the person
 * replies, within 7 days); a draft's file, for 8 days.
 */
@Component
class BroadcastFiles implements KeptAttachments {

  /** Longer than a held WhatsApp message waits for the person's reply (7 days). */
  static final java.time.Duration AFTER = java.time.Duration.ofDays(8);

  private final BroadcastStore store;
  private final java.time.Clock clock;

  BroadcastFiles(BroadcastStore store, java.time.Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public Set<String> keys() {
    return store.activeAttachments(clock.instant(), AFTER);
  }
}
