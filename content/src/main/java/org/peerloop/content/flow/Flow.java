package org.peerloop.content.flow;

import java.util.List;
import java.util.Optional;

/**
 * A flow as data: a stable slug id, a revision, the languages its texts exist in, and its steps in
 * file order (the first one starts the flow). Immutable; loaded by {@link FlowLibrary}. An {@code
 * anonymous} flow's answers must never be kept with the person's id: the bot records them apart and
 * forgets the session's copy when the run ends.
 */
public record Flow(
    String id, int revision, List<String> languages, List<Step> steps, boolean anonymous) {

  public Flow {
    languages = List.copyOf(languages);
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("flow " + id + " has no steps");
    }
  }

  public Flow(String id, int revision, List<String> languages, List<Step> steps) {
    this(id, revision, languages, steps, false);
  }

  public Step first() {
    return steps.get(0);
  }

  public Optional<Step> step(String stepId) {
    return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
  }

  public boolean speaks(String language) {
    return languages.contains(language);
  }

  /** {@code checkin r1}, for messages and transcripts. */
  public String label() {
    return id + " r" + revision;
  }
}
