package org.peerloop.content.catalog;

/** A flow, catalogue or word file that cannot be read; the message names the file. */
public final class ContentFormatException extends RuntimeException {

  public ContentFormatException(String message) {
    super(message);
  }

  public ContentFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
