package org.peerloop.content.engine;

/** Something that happened to a waiting session. */
public sealed interface Input {

  /** What the person typed, as received. */
  record Text(String text) implements Input {}

  /** A tap on a button, carrying the button's payload. */
  record Tap(String payload) implements Input {}

  /** A voice note, photo or other media, by the reference the bot stored it under. */
  record Media(String reference, String mediaType) implements Input {}

  /** The reminder time has come (harmless if early or repeated). */
  record Timeout() implements Input {}

  /** The expiry time has come (harmless if early or repeated). */
  record Expire() implements Input {}

  static Input text(String text) {
    return new Text(text);
  }

  static Input tap(String payload) {
    return new Tap(payload);
  }

  static Input media(String reference, String mediaType) {
    return new Media(reference, mediaType);
  }

  static Input timeout() {
    return new Timeout();
  }

  static Input expire() {
    return new Expire();
  }
}
