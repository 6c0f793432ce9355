package org.peerloop.content.engine;

import java.time.Instant;
import java.util.List;

/** What the engine did, in the past tense; the bot persists the state and acts on these. */
public sealed interface Event {

  /** A message for the person, with buttons (possibly none). */
  record MessageCreated(String stepId, String text, List<Button> buttons) implements Event {
    public MessageCreated {
      buttons = List.copyOf(buttons);
    }
  }

  /** An answer in canonical form; a later {@code back} may replace it. */
  record AnswerSaved(String stepId, String value, AnswerKind kind, String category)
      implements Event {}

  /** An optional step left without an answer (by skip, or after its last re-prompt). */
  record StepSkipped(String stepId) implements Event {}

  /** A question is waiting: remind at {@code remindAt}, expire at {@code expireAt}. */
  record WaitStarted(String stepId, Instant remindAt, Instant expireAt) implements Event {}

  /** A reminder went out for the waiting question; {@code count} starts at 1. */
  record ReminderSent(String stepId, int count) implements Event {}

  record FlowCompleted(String flowId, int revision) implements Event {}

  record FlowExpired(String flowId, int revision, String stepId) implements Event {}

  record FlowCancelled(String flowId, int revision, String stepId, CancelReason reason)
      implements Event {}
}
