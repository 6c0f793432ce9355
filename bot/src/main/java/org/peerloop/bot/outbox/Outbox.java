package org.peerloop.bot.outbox;

import java.util.List;
import java.util.Set;
import org.peerloop.bot.store.Durability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The one way out for every feature. A message is first stored ({@link #enqueue}), and only
 * released to the dispatcher once what caused it is durable ({@link #release}); callers with no
 * commit of their own use {@link #send}.
 *
 * <p>Delivery is at-least-once: a crash between a send and its record repeats that message once at
 * recovery. A crash before the cause was committed repeats nothing: such messages are dropped at
 * recovery (see {@link SourceCheck}) and recreated, with the same ids, when the cause is
 * redelivered.
 */
@Component
public class Outbox {

  private static final Logger log = LoggerFactory.getLogger(Outbox.class);

  private final OutboxStore store;
  private final Dispatcher dispatcher;
  private final Durability durability;
  private final SourceCheck sources;

  Outbox(OutboxStore store, Dispatcher dispatcher, Durability durability, SourceCheck sources) {
    this.store = store;
    this.dispatcher = dispatcher;
    this.durability = durability;
    this.sources = sources;
  }

  /** Stores messages without sending them yet (one write for all of them). */
  public void enqueue(List<OutboundMessage> messages) {
    store.insert(messages);
  }

  /** Hands stored messages to the dispatcher; call once their cause is durable. */
  public void release(List<OutboundMessage> messages) {
    messages.forEach(dispatcher::submit);
  }

  /**
   * Like {@link #send}, for messages that may have gone before (a broadcast resumed after a
   * restart): ids that already have a final state are left out. Answers what was released.
   */
  public List<OutboundMessage> sendUnfinished(List<OutboundMessage> messages) {
    Set<String> done = store.finished(messages.stream().map(OutboundMessage::id).toList());
    List<OutboundMessage> rest =
        done.isEmpty() ? messages : messages.stream().filter(m -> !done.contains(m.id())).toList();
    send(rest);
    return rest;
  }

  /** Stores, makes durable and releases: for messages that are their own cause. */
  public void send(List<OutboundMessage> messages) {
    enqueue(messages);
    durability.awaitDurable();
    release(messages);
  }

  /** Messages waiting in memory for a sender. */
  public int queued() {
    return dispatcher.queued();
  }

  /** First among the ready-listeners: channels that pull messages in (polling) start after it. */
  @EventListener(ApplicationReadyEvent.class)
  @Order(Ordered.HIGHEST_PRECEDENCE)
  void recover() {
    int released = 0;
    int dropped = 0;
    int unknown = 0;
    List<OutboxStore.Pending> pending = store.allPending();
    // Finished but not yet removed when the app stopped: never send those again.
    Set<String> finished = store.finished(pending.stream().map(p -> p.message().id()).toList());
    for (OutboxStore.Pending p : pending) {
      OutboundMessage m = p.message();
      if (finished.contains(m.id())) {
        store.discard(m.id());
      } else if (p.claimed() && m.atMostOnce()) {
        dispatcher.unknown(m);
        unknown++;
      } else if (m.source() == null || sources.committed(m.to().contactId(), m.source())) {
        dispatcher.submit(m);
        released++;
      } else {
        store.discard(m.id());
        dropped++;
      }
    }
    if (released + dropped + unknown > 0) {
      log.info(
          "outbox recovery: {} pending messages released, {} uncommitted dropped, {} at-most-once"
              + " sends cut short (now unknown)",
          released,
          dropped,
          unknown);
    }
  }
}
