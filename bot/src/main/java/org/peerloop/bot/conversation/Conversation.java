package org.peerloop.bot.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.peerloop.content.engine.SessionState;

/**
 * A contact's conversation: the session in progress (or none), the id of that run, and the keys of
 * the last inbound messages and wake-ups applied — which is how a redelivery is recognised and how
 * recovery knows whether a step was committed. One document, written once per step.
 *
 * <p>{@code partnership}, {@code period} and {@code subject} belong to the run in progress: what it
 * is about, the period its answers count for (fixed when it started), and a report's code for a run
 * about one.
 *
 * <p>{@code wakeAt} is the minute whose wait bucket lists this contact. Answers usually move the
 * next reminder later; the contact then stays in the earlier bucket, which wakes it, finds nothing
 * due and files it under the later minute: one bucket write a day instead of one per answer.
 */
record Conversation(
    String contactId,
    SessionState session,
    String runId,
    Instant runStartedAt,
    List<String> recent,
    Instant wakeAt,
    String partnership,
    String period,
    String subject) {

  static final int REMEMBERED = 32;

  static Conversation empty(String contactId) {
    return new Conversation(contactId, null, null, null, List.of(), null, null, null, null);
  }

  Conversation {
    recent = List.copyOf(recent);
  }

  boolean seen(String key) {
    return recent.contains(key);
  }

  boolean inFlow() {
    return session != null && session.waiting();
  }

  boolean inFlow(String flowId) {
    return inFlow() && session.flowId().equals(flowId);
  }

  Conversation withWakeAt(Instant wakeAt) {
    return new Conversation(
        contactId, session, runId, runStartedAt, recent, wakeAt, partnership, period, subject);
  }

  /** The next state after applying the message or wake-up {@code key}. */
  Conversation next(
      SessionState session,
      String runId,
      Instant runStartedAt,
      String partnership,
      String period,
      String subject,
      String key) {
    List<String> keys = new ArrayList<>(recent);
    keys.add(key);
    if (keys.size() > REMEMBERED) {
      keys = keys.subList(keys.size() - REMEMBERED, keys.size());
    }
    boolean open = session != null && session.waiting();
    return new Conversation(
        contactId,
        open ? session : null,
        open ? runId : null,
        open ? runStartedAt : null,
        keys,
        wakeAt,
        open ? partnership : null,
        open ? period : null,
        open ? subject : null);
  }
}
