package org.peerloop.content.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.peerloop.content.catalog.Catalog;
import org.peerloop.content.catalog.Words;
import org.peerloop.content.flow.Flow;
import org.peerloop.content.flow.Question;
import org.peerloop.content.flow.Step;
import org.peerloop.content.flow.Wait;
import org.peerloop.content.parse.Parsed;

/**
 * The conversation engine: (flow, state, input, now) → (new state, events). It reads no clock, does
 * no I/O and keeps nothing between calls, so the same call always gives the same result.
 */
public final class Engine {

  private Engine() {}

  /** Starts a flow in the context's language, or English when the flow does not speak it. */
  public static Result start(Flow flow, Context context, Instant now) {
    String language = flow.speaks(context.language()) ? context.language() : Catalog.REFERENCE;
    SessionState fresh =
        new SessionState(
            flow.id(),
            flow.revision(),
            language,
            Status.WAITING,
            null,
            0,
            Map.of(),
            List.of(),
            null,
            null,
            0);
    Turn turn = new Turn(flow, fresh, context, now);
    turn.enter(flow.first().id());
    return turn.result();
  }

  /**
   * Applies one input to a session. The flow must be the revision the session started on ({@code
   * library.flow(state.flowId(), state.revision())}). A session that no longer waits is returned
   * unchanged with no events.
   */
  public static Result resume(
      Flow flow, SessionState state, Input input, Context context, Instant now) {
    if (!flow.id().equals(state.flowId()) || flow.revision() != state.revision()) {
      throw new IllegalArgumentException(
          "session is on " + state.flowId() + " r" + state.revision() + ", not " + flow.label());
    }
    Turn turn = new Turn(flow, state, context, now);
    if (!state.waiting()) {
      return turn.result();
    }
    if (state.expireAt() != null && !now.isBefore(state.expireAt())) {
      expire(turn);
    } else if (input instanceof Input.Timeout) {
      remind(turn);
    } else if (input instanceof Input.Text text) {
      Optional<Words.Control> control = context.catalog().words().control(text.text());
      if (control.isPresent()) {
        Controls.apply(turn, control.get());
      } else {
        answer(turn, text.text(), context);
      }
    } else if (input instanceof Input.Tap tap) {
      tap(turn, tap.payload(), context);
    } else if (input instanceof Input.Media media) {
      media(turn, media);
    }
    // an early Expire does nothing: the scheduler may fire twice or ahead of a late answer
    return turn.result();
  }

  private static void expire(Turn turn) {
    turn.say(turn.prompts.text("system.expired", Map.of()), List.of());
    turn.finish(Status.EXPIRED);
    turn.events.add(new Event.FlowExpired(turn.flow.id(), turn.flow.revision(), turn.stepId));
  }

  /**
   * Sends the due reminder and schedules the wait's next one, counted from when the question was
   * asked. Reminders whose time has already passed (the scheduler fired late) are passed over, so
   * the person gets one message, not several in a row. When a wait has two or more reminders, the
   * one after which none is left says {@code system.reminder.last}.
   */
  private static void remind(Turn turn) {
    if (turn.remindAt == null || turn.now.isBefore(turn.remindAt)) {
      return; // early or already reminded
    }
    Step step = turn.step();
    Wait wait = step.timeouts();
    Instant askedAt = turn.askedAt(wait);
    turn.remindAt = askedAt == null ? null : wait.nextReminder(askedAt, turn.now);
    turn.remindersSent++;
    turn.events.add(new Event.ReminderSent(turn.stepId, turn.remindersSent));
    String key =
        turn.remindAt == null && wait.reminders().size() >= 2
            ? "system.reminder.last"
            : "system.reminder";
    turn.say(
        turn.prompts.text(key, Map.of()) + "\n\n" + turn.prompts.question(step),
        turn.prompts.buttons(step));
  }

  private static void tap(Turn turn, String payload, Context context) {
    Optional<Payload> decoded = Payload.decode(payload);
    if (decoded.isEmpty() || !decoded.get().belongsTo(turn.flow.id(), turn.stepId)) {
      turn.ask(turn.prompts.text("system.button.stale", Map.of()));
      return;
    }
    String value = decoded.get().value();
    if (Payload.SKIP.equals(value)) {
      Controls.apply(turn, Words.Control.SKIP);
    } else {
      answer(turn, value, context);
    }
  }

  private static void media(Turn turn, Input.Media media) {
    if (turn.step().question() instanceof Question.TextOrMedia) {
      save(turn, media.reference(), AnswerKind.MEDIA, "media");
    } else {
      Controls.reprompt(turn, new Parsed.Rejected("system.media.not-here", Map.of()));
    }
  }

  private static void answer(Turn turn, String text, Context context) {
    Step step = turn.step();
    Parsed parsed =
        Answers.read(turn.flow, step, text, context.catalog(), turn.prompts.supplied(step));
    if (parsed instanceof Parsed.Accepted accepted) {
      save(turn, accepted.value(), Answers.kind(step.question()), accepted.category());
    } else {
      Controls.reprompt(turn, (Parsed.Rejected) parsed);
    }
  }

  private static void save(Turn turn, String value, AnswerKind kind, String category) {
    turn.answers.put(turn.stepId, value);
    turn.events.add(new Event.AnswerSaved(turn.stepId, value, kind, category));
    turn.leave(category);
  }
}
