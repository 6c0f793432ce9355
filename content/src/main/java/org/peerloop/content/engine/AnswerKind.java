package org.peerloop.content.engine;

/** What a saved value is, so a text answer and a media reference can be told apart. */
public enum AnswerKind {
  RATING,
  CHOICE,
  YES_NO,
  TEXT,
  MEDIA
}
