package org.peerloop.content.runner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.peerloop.content.engine.Button;
import org.peerloop.content.engine.Context;
import org.peerloop.content.engine.Engine;
import org.peerloop.content.engine.Event;
import org.peerloop.content.engine.Input;
import org.peerloop.content.engine.Result;
import org.peerloop.content.engine.SessionState;
import org.peerloop.content.flow.Durations;
import org.peerloop.content.flow.Flow;

/**
 * Drives one session from script lines, with its own clock that only moves when told: plain text is
 * typed, and {@code /tap <payload or button number>}, {@code /media <type>}, {@code /timeout},
 * {@code /expire} and {@code /wait <duration>} stand for everything else that can happen.
 */
final class Conversation {

  /** A Monday morning; fixed so transcripts and the runner's output never change by themselves. */
  static final Instant START = Instant.parse("2025-01-06T09:00:00Z");

  private final Flow flow;
  private final Context context;
  private Instant now = START;
  private SessionState state;
  private List<Button> lastButtons = List.of();
  private int media;

  Conversation(Flow flow, Context context) {
    this.flow = flow;
    this.context = context;
  }

  List<String> start() {
    return record(Engine.start(flow, context, now));
  }

  /** The output for one script line. */
  List<String> handle(String line) {
    String[] parts = line.strip().split("\\s+", 2);
    String argument = parts.length > 1 ? parts[1] : "";
    switch (line.startsWith("/") ? parts[0] : "") {
      case "/tap":
        return send(Input.tap(button(argument)));
      case "/media":
        media++;
        return send(Input.media("media-" + media, argument.isEmpty() ? "voice" : argument));
      case "/timeout":
        return advanceTo(state.remindAt(), Input.timeout());
      case "/expire":
        return advanceTo(state.expireAt(), Input.expire());
      case "/wait":
        try {
          now = now.plus(Durations.parse(argument, "/wait"));
          return List.of("~ clock " + now);
        } catch (RuntimeException e) {
          return List.of("! /wait takes a duration such as 2h or 3d");
        }
      default:
        return send(Input.text(line));
    }
  }

  SessionState state() {
    return state;
  }

  private List<String> advanceTo(Instant due, Input input) {
    List<String> out = new ArrayList<>();
    if (due != null && due.isAfter(now)) {
      now = due;
      out.add("~ clock " + now);
    }
    out.addAll(send(input));
    return out;
  }

  private List<String> send(Input input) {
    return record(Engine.resume(flow, state, input, context, now));
  }

  /** A button number counts from 1 on the last message that had buttons. */
  private String button(String argument) {
    if (argument.matches("\\d{1,2}")) {
      int n = Integer.parseInt(argument);
      if (n >= 1 && n <= lastButtons.size()) {
        return lastButtons.get(n - 1).payload();
      }
    }
    return argument;
  }

  private List<String> record(Result result) {
    state = result.state();
    for (Event event : result.events()) {
      if (event instanceof Event.MessageCreated m && !m.buttons().isEmpty()) {
        lastButtons = m.buttons();
      }
    }
    return TranscriptFormat.lines(result.events());
  }
}
