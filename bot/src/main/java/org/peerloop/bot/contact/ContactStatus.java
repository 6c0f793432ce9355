package org.peerloop.bot.contact;

/** Whether anything may be sent to the person. */
public enum ContactStatus {
  ACTIVE,
  STOPPED
}
