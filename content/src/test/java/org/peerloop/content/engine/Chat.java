package org.peerloop.content.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.peerloop.content.TestContent;
import org.peerloop.content.flow.Flow;
import org.peerloop.content.flow.FlowLibrary;

/** Drives one session through the engine in tests, with a clock that moves only when told. */
final class Chat {

  static final Instant T0 = Instant.parse("2025-01-06T09:00:00Z");

  final FlowLibrary library;
  final Flow flow;
  final Context context;
  Instant now = T0;
  SessionState state;
  List<Event> last;

  private Chat(FlowLibrary library, Flow flow, String language) {
    this(
        library,
        flow,
        new Context(
            language,
            Map.of("name", "Asha", "partner", "Mombasa County", "period", "week 3"),
            library.catalog()));
  }

  private Chat(FlowLibrary library, Flow flow, Context context) {
    this.library = library;
    this.flow = flow;
    this.context = context;
  }

  /** A shipped flow with the values and lists the bot would supply. */
  static Chat shipped(
      String flowId,
      String language,
      Map<String, String> values,
      Map<String, List<Context.Option>> lists) {
    FlowLibrary library = TestContent.shipped();
    return new Chat(
            library,
            library.latest(flowId).orElseThrow(),
            new Context(language, values, lists, library.catalog()))
        .begin();
  }

  static Chat fixture(String flowId, String language) {
    FlowLibrary library = TestContent.fixtures();
    return new Chat(library, library.latest(flowId).orElseThrow(), language).begin();
  }

  static Chat checkin(String language) {
    FlowLibrary library = TestContent.shipped();
    return new Chat(library, library.latest("checkin").orElseThrow(), language).begin();
  }

  private Chat begin() {
    return apply(Engine.start(flow, context, now));
  }

  Chat say(String text) {
    return send(Input.text(text));
  }

  Chat send(Input input) {
    return apply(Engine.resume(flow, state, input, context, now));
  }

  Chat after(Duration duration) {
    now = now.plus(duration);
    return this;
  }

  private Chat apply(Result result) {
    state = result.state();
    last = result.events();
    return this;
  }

  /** Texts of the messages the last call created. */
  List<String> texts() {
    return last.stream()
        .filter(Event.MessageCreated.class::isInstance)
        .map(e -> ((Event.MessageCreated) e).text())
        .toList();
  }

  Event.MessageCreated lastMessage() {
    return last.stream()
        .filter(Event.MessageCreated.class::isInstance)
        .map(Event.MessageCreated.class::cast)
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  <E extends Event> List<E> events(Class<E> type) {
    return last.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
