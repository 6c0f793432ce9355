package org.peerloop.content.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.peerloop.content.engine.Event;

/**
 * Writes events as transcript lines: {@code <} the bot (continued by {@code |}), {@code =} saved
 * answers, {@code ~} waits, reminders and endings. The person's lines ({@code >}) are written by
 * the caller. Shared by the terminal runner and the golden transcripts, so both read the same.
 */
final class TranscriptFormat {

  private TranscriptFormat() {}

  static List<String> lines(List<Event> events) {
    List<String> out = new ArrayList<>();
    for (Event event : events) {
      out.addAll(lines(event));
    }
    return out;
  }

  static List<String> lines(Event event) {
    if (event instanceof Event.MessageCreated m) {
      List<String> out = new ArrayList<>();
      String[] text = m.text().split("\n", -1);
      out.add("< " + text[0]);
      for (int i = 1; i < text.length; i++) {
        out.add(text[i].isEmpty() ? "|" : "| " + text[i]);
      }
      if (!m.buttons().isEmpty()) {
        out.add(
            "  [buttons: "
                + m.buttons().stream()
                    .map(b -> b.label() + "=" + b.payload())
                    .collect(Collectors.joining(" | "))
                + "]");
      }
      return out;
    }
    return List.of(line(event));
  }

  private static String line(Event event) {
    if (event instanceof Event.AnswerSaved a) {
      String category = a.category() == null ? "" : ", " + a.category();
      return "= " + a.stepId() + ": " + a.value() + " (" + lower(a.kind()) + category + ")";
    } else if (event instanceof Event.StepSkipped s) {
      return "= " + s.stepId() + ": skipped";
    } else if (event instanceof Event.WaitStarted w) {
      return "~ wait " + w.stepId() + ": remind " + w.remindAt() + ", expire " + w.expireAt();
    } else if (event instanceof Event.ReminderSent r) {
      return "~ reminder " + r.count() + " for " + r.stepId();
    } else if (event instanceof Event.FlowCompleted c) {
      return "~ completed " + c.flowId() + " r" + c.revision();
    } else if (event instanceof Event.FlowExpired e) {
      return "~ expired " + e.flowId() + " r" + e.revision() + " at " + e.stepId();
    } else if (event instanceof Event.FlowCancelled c) {
      return "~ cancelled "
          + c.flowId()
          + " r"
          + c.revision()
          + " at "
          + c.stepId()
          + " ("
          + lower(c.reason())
          + ")";
    }
    throw new IllegalArgumentException("no transcript line for " + event);
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
