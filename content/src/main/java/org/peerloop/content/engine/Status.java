package org.peerloop.content.engine;

/** Where a session stands; only a waiting session accepts input. */
public enum Status {
  WAITING,
  COMPLETED,
  CANCELLED,
  EXPIRED
}
