package org.peerloop.bot.outbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A test channel whose answers are scripted per message id, in order (one answer per attempt);
 * unscripted attempts are sent. Every call is recorded with the moment it started.
 */
final class ScriptedSender implements ChannelSender {

  /** One call: which message, and when (System.nanoTime). */
  record Call(String id, long at) {}

  private final String channel;
  private final Map<String, Deque<Function<OutboundMessage, SendResult>>> scripts =
      new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  ScriptedSender(String channel) {
    this.channel = channel;
  }

  /** The answers for the next attempts at message {@code id}, one per attempt. */
  @SafeVarargs
  final void script(String id, Function<OutboundMessage, SendResult>... answers) {
    Deque<Function<OutboundMessage, SendResult>> queue = new ArrayDeque<>(List.of(answers));
    scripts.put(id, queue);
  }

  static Function<OutboundMessage, SendResult> answer(SendResult result) {
    return m -> result;
  }

  @Override
  public String channel() {
    return channel;
  }

  @Override
  public SendResult send(OutboundMessage message) {
    calls.add(new Call(message.id(), System.nanoTime()));
    Deque<Function<OutboundMessage, SendResult>> script = scripts.get(message.id());
    Function<OutboundMessage, SendResult> next;
    synchronized (this) {
      next = script == null ? null : script.pollFirst();
    }
    return next == null ? new SendResult.Sent("p-" + message.id()) : next.apply(message);
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  List<Call> calls(String id) {
    return calls.stream().filter(c -> c.id().equals(id)).toList();
  }

  List<String> ids() {
    return calls.stream().map(Call::id).toList();
  }
}
