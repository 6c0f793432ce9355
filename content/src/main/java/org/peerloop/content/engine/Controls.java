package org.peerloop.content.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.peerloop.content.catalog.Words;
import org.peerloop.content.flow.Step;
import org.peerloop.content.parse.Parsed;

/** Skip, back and cancel, and the bounded re-prompt that follows an answer not understood. */
final class Controls {

  /** The category a branch can name to route a skipped optional step. */
  static final String SKIPPED = "skipped";

  private Controls() {}

  static void apply(Turn turn, Words.Control control) {
    switch (control) {
      case SKIP -> skip(turn);
      case BACK -> back(turn);
      case CANCEL -> {
        turn.say(turn.prompts.text("system.cancelled", Map.of()), List.of());
        turn.finish(Status.CANCELLED);
        turn.events.add(
            new Event.FlowCancelled(
                turn.flow.id(), turn.flow.revision(), turn.stepId, CancelReason.PERSON));
      }
    }
  }

  /** Says why the answer did not fit and asks again, until the step's re-prompts run out. */
  static void reprompt(Turn turn, Parsed.Rejected why) {
    Step step = turn.step();
    turn.attempts++;
    if (turn.attempts > step.maxReprompts()) {
      giveUp(turn, step);
      return;
    }
    List<String> lines = new ArrayList<>();
    lines.add(turn.prompts.text(why.textKey(), why.params()));
    String own = turn.prompts.reprompt(step);
    if (!own.isEmpty()) {
      lines.add(own);
    }
    if (step.optional()) {
      lines.add(turn.prompts.text("system.skip.hint", Map.of()));
    }
    turn.say(String.join("\n", lines), turn.prompts.buttons(step));
    turn.startWait(step);
  }

  private static void skip(Turn turn) {
    if (!turn.step().optional()) {
      reprompt(turn, new Parsed.Rejected("system.skip.not-allowed", Map.of()));
      return;
    }
    skipped(turn);
  }

  private static void skipped(Turn turn) {
    turn.answers.remove(turn.stepId);
    turn.events.add(new Event.StepSkipped(turn.stepId));
    turn.leave(SKIPPED);
  }

  /** Re-asks the previous question; its old answer is dropped until it is answered again. */
  private static void back(Turn turn) {
    if (turn.path.isEmpty()) {
      turn.ask(turn.prompts.text("system.back.none", Map.of()));
      return;
    }
    String previous = turn.path.remove(turn.path.size() - 1);
    turn.answers.remove(previous);
    turn.stepId = previous;
    turn.attempts = 0;
    turn.ask("");
  }

  /** Out of re-prompts: an optional step is passed over, a required one ends the flow kindly. */
  private static void giveUp(Turn turn, Step step) {
    if (step.optional()) {
      turn.say(turn.prompts.text("system.moving-on", Map.of()), List.of());
      skipped(turn);
      return;
    }
    turn.say(turn.prompts.text("system.gave-up", Map.of()), List.of());
    turn.finish(Status.CANCELLED);
    turn.events.add(
        new Event.FlowCancelled(
            turn.flow.id(), turn.flow.revision(), step.id(), CancelReason.TOO_MANY_ATTEMPTS));
  }
}
