package org.peerloop.content.engine;

import java.util.List;

/** The outcome of one engine call: the state to persist and what happened, in order. */
public record Result(SessionState state, List<Event> events) {

  public Result {
    events = List.copyOf(events);
  }
}
