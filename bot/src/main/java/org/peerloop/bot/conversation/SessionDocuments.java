package org.peerloop.bot.conversation;

import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.peerloop.content.engine.SessionState;
import org.peerloop.content.engine.Status;

/**
 * The engine's session state as a document. Answers are stored as a list of [step, value] pairs:
 * step ids become values, never field names, so nothing a person types can shape a document.
 */
final class SessionDocuments {

  private SessionDocuments() {}

  static Document toDocument(SessionState s) {
    if (s == null) {
      return null;
    }
    return new Document("flow", s.flowId())
        .append("revision", s.revision())
        .append("language", s.language())
        .append("status", s.status().name())
        .append("step", s.stepId())
        .append("attempts", s.attempts())
        .append("answers", pairs(s.answers()))
        .append("path", s.path())
        .append("remindAt", date(s.remindAt()))
        .append("expireAt", date(s.expireAt()))
        .append("reminders", s.remindersSent());
  }

  static SessionState fromDocument(Document d) {
    if (d == null) {
      return null;
    }
    Map<String, String> answers = new LinkedHashMap<>();
    for (List<?> pair : d.getList("answers", List.class, List.of())) {
      answers.put((String) pair.get(0), (String) pair.get(1));
    }
    return new SessionState(
        d.getString("flow"),
        d.getInteger("revision"),
        d.getString("language"),
        Status.valueOf(d.getString("status")),
        d.getString("step"),
        d.getInteger("attempts", 0),
        answers,
        d.getList("path", String.class, List.of()),
        instant(d.getDate("remindAt")),
        instant(d.getDate("expireAt")),
        d.getInteger("reminders", 0));
  }

  static List<List<String>> pairs(Map<String, String> answers) {
    return answers.entrySet().stream().map(e -> Arrays.asList(e.getKey(), e.getValue())).toList();
  }

  private static Date date(Instant i) {
    return i == null ? null : Date.from(i);
  }

  private static Instant instant(Date d) {
    return d == null ? null : d.toInstant();
  }
}
