package org.peerloop.content.engine;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A session as plain data the bot can store as one document: strings, ints, instants, a list and a
 * map of strings. {@code answers} maps step id to canonical value in the order answered; {@code
 * path} holds the questions already left, newest last, which is what {@code back} walks. {@code
 * remindAt} and {@code expireAt} are null when nothing waits.
 */
public record SessionState(
    String flowId,
    int revision,
    String language,
    Status status,
    String stepId,
    int attempts,
    Map<String, String> answers,
    List<String> path,
    Instant remindAt,
    Instant expireAt,
    int remindersSent) {

  public SessionState {
    answers = Collections.unmodifiableMap(new LinkedHashMap<>(answers));
    path = List.copyOf(path);
  }

  public boolean waiting() {
    return status == Status.WAITING;
  }
}
