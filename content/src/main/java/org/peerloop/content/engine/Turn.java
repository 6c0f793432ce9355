package org.peerloop.content.engine;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peerloop.content.flow.Flow;
import org.peerloop.content.flow.Question;
import org.peerloop.content.flow.Step;
import org.peerloop.content.flow.Wait;

/**
 * One engine call's working copy of a session: it changes as the call proceeds and records each
 * event, then yields the new immutable state. Nothing outside the call ever sees it.
 */
final class Turn {

  final Flow flow;
  final Prompts prompts;
  final Instant now;
  final List<Event> events = new ArrayList<>();
  private final String language;
  Status status;
  String stepId;
  int attempts;
  final Map<String, String> answers;
  final List<String> path;
  Instant remindAt;
  Instant expireAt;
  int remindersSent;

  Turn(Flow flow, SessionState s, Context context, Instant now) {
    this.flow = flow;
    this.now = now;
    this.language = s.language();
    this.answers = new LinkedHashMap<>(s.answers());
    this.prompts = new Prompts(flow, context, s.language(), answers);
    this.status = s.status();
    this.stepId = s.stepId();
    this.attempts = s.attempts();
    this.path = new ArrayList<>(s.path());
    this.remindAt = s.remindAt();
    this.expireAt = s.expireAt();
    this.remindersSent = s.remindersSent();
  }

  Result result() {
    SessionState state =
        new SessionState(
            flow.id(),
            flow.revision(),
            language,
            status,
            stepId,
            attempts,
            answers,
            path,
            remindAt,
            expireAt,
            remindersSent);
    return new Result(state, events);
  }

  Step step() {
    return flow.step(stepId).orElseThrow(() -> new IllegalStateException("no step " + stepId));
  }

  void say(String text, List<Button> buttons) {
    events.add(new Event.MessageCreated(stepId, text, buttons));
  }

  /** Asks the current step, after an optional lead line, and starts its wait afresh. */
  void ask(String lead) {
    Step step = step();
    String question = prompts.question(step);
    say(lead.isEmpty() ? question : lead + "\n\n" + question, prompts.buttons(step));
    startWait(step);
  }

  void startWait(Step step) {
    // the checker refuses a wait without both timeouts; at run time such a wait never times out
    Wait wait = step.timeouts();
    remindAt = wait.remindAfter() == null ? null : now.plus(wait.remindAfter());
    expireAt = wait.expireAfter() == null ? null : now.plus(wait.expireAfter());
    remindersSent = 0;
    events.add(new Event.WaitStarted(step.id(), remindAt, expireAt));
  }

  /**
   * When the current question was asked, or null when that cannot be told. The state keeps no
   * asked-at of its own: {@link #startWait} sets {@code expireAt} to asked-at + expire-after and
   * nothing moves it until the wait restarts, so subtracting gives it back. Deriving it keeps
   * {@link SessionState} (which the bot stores as a document) unchanged; the checker guarantees
   * every waiting question has an expire-after, and so an {@code expireAt}.
   */
  Instant askedAt(Wait wait) {
    return expireAt == null || wait.expireAfter() == null
        ? null
        : expireAt.minus(wait.expireAfter());
  }

  /** Moves to a step: message steps are said and passed, the first question waits. */
  void enter(String target) {
    String next = target;
    while (!Step.END.equals(next)) {
      Step step = flow.step(next).orElse(null);
      if (step == null) {
        break; // the checker refuses dangling steps; at run time end rather than fail
      }
      stepId = step.id();
      attempts = 0;
      if (prompts.absent(step)) {
        answers.remove(step.id());
        events.add(new Event.StepSkipped(step.id()));
        next = step.nextFor(Controls.SKIPPED);
        continue;
      }
      if (step.question() instanceof Question.Lowest lowest) {
        next = step.nextFor(pickLowest(step, lowest));
        continue;
      }
      if (step.question().waits()) {
        ask("");
        return;
      }
      say(prompts.question(step), List.of());
      next = step.next();
    }
    finish(Status.COMPLETED);
    events.add(new Event.FlowCompleted(flow.id(), flow.revision()));
  }

  /** Saves the lowest-rated of the listed steps as this step's answer: found, or none. */
  private String pickLowest(Step step, Question.Lowest lowest) {
    String pick = null;
    BigDecimal min = null;
    for (String rated : lowest.of()) {
      BigDecimal score = score(answers.get(rated));
      if (score != null && (min == null || score.compareTo(min) < 0)) {
        min = score;
        pick = rated;
      }
    }
    if (pick == null) {
      answers.remove(step.id());
      return "none";
    }
    answers.put(step.id(), pick);
    events.add(new Event.AnswerSaved(step.id(), pick, AnswerKind.CHOICE, "found"));
    return "found";
  }

  private static BigDecimal score(String value) {
    try {
      return value == null ? null : new BigDecimal(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Leaves the current question for good (answered or skipped) and goes where it leads. */
  void leave(String category) {
    Step step = step();
    path.add(step.id());
    enter(step.nextFor(category));
  }

  void finish(Status end) {
    status = end;
    remindAt = null;
    expireAt = null;
  }
}
