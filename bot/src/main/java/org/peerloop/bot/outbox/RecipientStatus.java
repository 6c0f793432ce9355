package org.peerloop.bot.outbox;

/** What the outbox needs to know about people, implemented where people are kept. */
public interface RecipientStatus {

  /** True when the contact asked to stop or the platform told us they are gone. */
  boolean stopped(String contactId);

  /** The platform says the person blocked us or no longer exists. */
  void gone(String contactId, String reason);
}
