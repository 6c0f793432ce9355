package org.peerloop.bot.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.peerloop.bot.outbox.Attachment;
import org.peerloop.content.engine.Button;
import org.peerloop.content.engine.SessionState;

/**
 * What one inbound message or wake-up does, before anything is written: the messages to send, the
 * session afterwards (with its run), a finished run to record, and a consent decision.
 */
final class Outcome {

  record Reply(String text, List<Button> buttons, Attachment attachment) {
    Reply(String text, List<Button> buttons) {
      this(text, buttons, null);
    }
  }

  record Finished(
      String runId,
      Instant startedAt,
      SessionState end,
      String partnership,
      String period,
      String subject) {}

  final List<Reply> replies = new ArrayList<>();
  SessionState session;
  String runId;
  Instant runStartedAt;
  final List<Finished> finished = new ArrayList<>();
  Boolean consent; // null: no decision in this step
  String runPartnership; // the partnership the run in progress is about
  String runPeriod; // the period its answers count for
  String runSubject; // a report's code, for a run about one
  String welcomeLanguage; // the welcome flow ended with this choice: the join flow follows
  Finished joinEnded; // the join flow ended: keep what an agreement keeps
  boolean lastWord; // the replies are the last before a stop (see Recipient.lastWord)
  boolean stop; // the person asked to stop all messages
  boolean forget; // the person confirmed /forget
  boolean export; // the person asked for /mydata

  Outcome(Conversation before) {
    this.session = before.session();
    this.runId = before.runId();
    this.runStartedAt = before.runStartedAt();
    this.runPartnership = before.partnership();
    this.runPeriod = before.period();
    this.runSubject = before.subject();
  }

  boolean inFlow() {
    return session != null && session.waiting();
  }

  Finished finished(SessionState end) {
    return new Finished(runId, runStartedAt, end, runPartnership, runPeriod, runSubject);
  }

  void say(String text) {
    replies.add(new Reply(text, List.of()));
  }

  void say(String text, List<Button> buttons) {
    replies.add(new Reply(text, buttons));
  }
}
