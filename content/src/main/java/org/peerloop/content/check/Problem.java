package org.peerloop.content.check;

/** One thing wrong with the content, named so an author can find it. */
public record Problem(Rule rule, String where, String message) {

  @Override
  public String toString() {
    return rule + " " + where + ": " + message;
  }
}
