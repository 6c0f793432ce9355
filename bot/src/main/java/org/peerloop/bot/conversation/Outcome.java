package org.peerloop.bot.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.peerloop.content.engine.Button;
import org.peerloop.content.engine.SessionState;

/**
 * What one inbound message or wake-up does, before anything is written: the messages to send, the
 * session afterwards (with its run), a finished run to record, and a consent decision.
 */
final class Outcome {

  record Reply(String text, List<Button> buttons) {}

  record Finished(String runId, Instant startedAt, SessionState end) {}

  final List<Reply> replies = new ArrayList<>();
  SessionState session;
  String runId;
  Instant runStartedAt;
  final List<Finished> finished = new ArrayList<>();
  Boolean consent; // null: no decision in this step

  Outcome(Conversation before) {
    this.session = before.session();
    this.runId = before.runId();
    this.runStartedAt = before.runStartedAt();
  }

  void say(String text) {
    replies.add(new Reply(text, List.of()));
  }

  void say(String text, List<Button> buttons) {
    replies.add(new Reply(text, buttons));
  }
}
