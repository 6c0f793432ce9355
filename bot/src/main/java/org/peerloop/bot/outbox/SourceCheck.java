package org.peerloop.bot.outbox;

/**
 * After a crash, tells whether the conversation step that produced a queued message was committed.
 * A message whose cause was never committed is dropped at recovery: the platform will redeliver the
 * cause and the step will enqueue the same message again.
 */
public interface SourceCheck {

  boolean committed(String contactId, String source);
}
