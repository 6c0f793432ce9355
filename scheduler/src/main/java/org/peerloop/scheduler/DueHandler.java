package org.peerloop.scheduler;

import java.time.Instant;

/** What the bot does with one due item; must be safe to call again for the same item. */
public interface DueHandler {

  Result handle(DueItem item, Instant now);

  /** Done (sent, skipped or recorded as missed), or to be looked at again at {@code at}. */
  sealed interface Result {
    Result DONE = new Done();

    record Done() implements Result {}

    record Later(Instant at) implements Result {}
  }
}
