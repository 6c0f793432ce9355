package org.peerloop.content.engine;

/** Why a flow was left before its end. */
public enum CancelReason {
  /** The person said cancel, quit flow or a word like it. */
  PERSON,
  /** A required question was not understood after its last re-prompt. */
  TOO_MANY_ATTEMPTS
}
