package org.peerloop.scheduler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/** A handler that remembers every item it was handed, with the time, and answers as told. */
class Recorder implements DueHandler {

  final Map<String, List<Instant>> calls = new ConcurrentHashMap<>();
  final Map<String, List<DueItem>> items = new ConcurrentHashMap<>();
  private final BiFunction<DueItem, Instant, Result> answer;

  Recorder() {
    this((item, now) -> Result.DONE);
  }

  Recorder(BiFunction<DueItem, Instant, Result> answer) {
    this.answer = answer;
  }

  @Override
  public Result handle(DueItem item, Instant now) {
    calls.computeIfAbsent(item.id(), k -> Collections.synchronizedList(new ArrayList<>())).add(now);
    items
        .computeIfAbsent(item.id(), k -> Collections.synchronizedList(new ArrayList<>()))
        .add(item);
    return answer.apply(item, now);
  }

  int total() {
    return calls.values().stream().mapToInt(List::size).sum();
  }

  int times(String id) {
    return calls.getOrDefault(id, List.of()).size();
  }
}
