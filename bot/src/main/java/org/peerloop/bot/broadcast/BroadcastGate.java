package org.peerloop.bot.broadcast;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.peerloop.bot.outbox.OutboundMessage;
import org.peerloop.bot.outbox.SendGate;
import org.springframework.stereotype.Component;

/**
 * Stops the messages of a cancelled broadcast just before they go. Cancelling here is seen at once;
 * a cancel made by another instance within a second (each broadcast's state is re-read by key at
 * most once a second while it sends).
 */
@Component
class BroadcastGate implements SendGate {

  static final String PREFIX = "broadcast|";
  private static final long FRESH_NANOS = Duration.ofSeconds(1).toNanos();

  private record Seen(boolean cancelled, long at) {}

  private final BroadcastStore store;
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();

  BroadcastGate(BroadcastStore store) {
    this.store = store;
  }

  @Override
  public String refuse(OutboundMessage message) {
    String id = broadcastOf(message.id());
    return id != null && isCancelled(id) ? Report.CANCELLED : null;
  }

  boolean isCancelled(String id) {
    long now = System.nanoTime();
    Seen s = seen.get(id);
    if (s == null || (!s.cancelled() && now - s.at() > FRESH_NANOS)) {
      boolean cancelled =
          store.find(id).map(b -> b.state() == BroadcastState.CANCELLED).orElse(false);
      s = new Seen(cancelled, now);
      seen.put(id, s);
      if (seen.size() > 1_000) {
        seen.entrySet().removeIf(e -> now - e.getValue().at() > FRESH_NANOS * 60);
      }
    }
    return s.cancelled();
  }

  void cancelled(String broadcast) {
    seen.put(broadcast, new Seen(true, System.nanoTime()));
  }

  /** The broadcast a message id belongs to ({@code broadcast|<id>|…}), else null. */
  static String broadcastOf(String messageId) {
    if (messageId == null || !messageId.startsWith(PREFIX)) {
      return null;
    }
    int end = messageId.indexOf('|', PREFIX.length());
    return end < 0 ? null : messageId.substring(PREFIX.length(), end);
  }
}
