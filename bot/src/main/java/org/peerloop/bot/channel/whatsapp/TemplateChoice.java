package org.peerloop.bot.channel.whatsapp;

import java.util.Map;
import java.util.Set;
import org.peerloop.bot.outbox.OutboundMessage;

/**
 * Which approved template opens the conversation for a message we start outside WhatsApp's 24-hour
 * window, and its one parameter. Read from what caused the message: a scheduled nudge's cause names
 * its flow ({@code start:nudge|occurrence|partnership|flow|member}); reminders and expiries are
 * wake-ups ({@code wake:…}); broadcasts and summaries have ids of their own.
 */
final class TemplateChoice {

  static final Set<String> NUDGED = Set.of("checkin", "health", "reflect");

  /** WhatsApp allows 1,024 characters in a parameter; a short one reads better. */
  static final int PARAMETER = 200;

  private TemplateChoice() {}

  static String key(OutboundMessage m) {
    String source = m.source() == null ? "" : m.source();
    if (source.startsWith("start:nudge|")) {
      String[] parts = source.split("\\|");
      if (parts.length >= 4 && NUDGED.contains(parts[3])) {
        return parts[3];
      }
    }
    if (source.startsWith("wake:")) {
      return "reminder";
    }
    if (m.id().startsWith("broadcast|")) {
      return "key-message";
    }
    if (m.id().startsWith("summary|")) {
      return "summary";
    }
    return "generic";
  }

  /** The parameters: the message's own opening words for key messages and summaries. */
  static Map<String, String> variables(String key, OutboundMessage m) {
    if (key.equals("key-message") || key.equals("summary")) {
      return Map.of("1", parameter(m.text()));
    }
    return Map.of();
  }

  /** One line (WhatsApp refuses newlines and long runs of spaces in parameters), cut short. */
  static String parameter(String text) {
    String t = text == null ? "" : text.replaceAll("\\s+", " ").strip();
    if (t.isEmpty()) {
      return "…";
    }
    return t.length() <= PARAMETER ? t : t.substring(0, PARAMETER - 1).stripTrailing() + "…";
  }
}
