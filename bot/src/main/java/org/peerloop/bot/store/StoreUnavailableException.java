package org.peerloop.bot.store;

/** The store could not make writes durable; whatever depended on them must not be acknowledged. */
public final class StoreUnavailableException extends RuntimeException {

  StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
