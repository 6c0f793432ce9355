package org.peerloop.content.flow;

import java.time.Duration;

/**
 * How long a question waits: a reminder after {@code remindAfter}, the flow expires after {@code
 * expireAfter}, both counted from when the question was asked. Either may be null in a file; the
 * checker refuses a waiting step without both.
 */
public record Wait(Duration remindAfter, Duration expireAfter) {

  public boolean complete() {
    return remindAfter != null && expireAfter != null && expireAfter.compareTo(remindAfter) > 0;
  }
}
