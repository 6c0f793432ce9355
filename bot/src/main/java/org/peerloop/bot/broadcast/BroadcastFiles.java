package org.peerloop.bot.broadcast;

import java.util.Set;
import org.peerloop.bot.outbox.KeptAttachments;
import org.springframework.stereotype.Component;

/** A key message's file stays while the broadcast may still send it (scheduled up to 90 days). */
@Component
class BroadcastFiles implements KeptAttachments {

  private final BroadcastStore store;

  BroadcastFiles(BroadcastStore store) {
    this.store = store;
  }

  @Override
  public Set<String> keys() {
    return store.activeAttachments();
  }
}
