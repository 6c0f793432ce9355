package org.peerloop.content.check;

/** What the flow checker refuses; each has a broken fixture under src/test/resources/checker. */
public enum Rule {
  /** A step's next names no step. */
  DANGLING_STEP,
  /** No path from the first step leads to it. */
  UNREACHABLE_STEP,
  /** A question without both a reminder and a later expiry. */
  WAIT_WITHOUT_TIMEOUT,
  /** A branch to a step that does not exist, or on a category the step never produces. */
  BRANCH_TO_NOTHING,
  /** A text missing in a declared language (or a flow that does not declare English). */
  MISSING_TEXT,
  /** A translation word for word the English text, not listed in _same_as_english. */
  SAME_AS_ENGLISH,
  /** A {placeholder} the bot does not fill. */
  UNKNOWN_PLACEHOLDER,
  /** A button payload over Telegram's 64-byte callback limit. */
  PAYLOAD_TOO_LONG
}
