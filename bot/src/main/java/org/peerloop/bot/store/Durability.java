package org.peerloop.bot.store;

/**
 * "Make everything written so far durable." Call it after the writes a reply depends on and before
 * acknowledging anything to a person or a platform: once it returns, those writes survive a kill -9
 * of the app (and, with {@code PEERLOOP_FSYNC=true} or a real MongoDB, a host crash).
 */
public interface Durability {

  /**
   * Blocks until every write this thread completed before the call is durable.
   *
   * @throws StoreUnavailableException when the store cannot persist; nothing may be acknowledged
   */
  void awaitDurable();
}
