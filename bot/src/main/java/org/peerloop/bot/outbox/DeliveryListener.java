package org.peerloop.bot.outbox;

import java.util.List;

/**
 * Hears where messages ended (broadcasts count their recipients this way). Called on the outbox's
 * recorder thread after each batch of records is durable, so it must be quick: hand the batch to a
 * thread of its own rather than write to the store here.
 */
public interface DeliveryListener {

  void finished(List<Delivery> batch);
}
