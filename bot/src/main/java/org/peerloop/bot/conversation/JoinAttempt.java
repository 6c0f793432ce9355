package org.peerloop.bot.conversation;

import java.util.Locale;
import java.util.Optional;
import org.peerloop.content.engine.Input;

/**
 * Recognises a person offering an invite code: {@code /start CODE} (a Telegram deep link), {@code
 * /join CODE} or {@code join CODE} (WhatsApp, the simulator). A bare {@code /start} is not one.
 */
final class JoinAttempt {

  private JoinAttempt() {}

  static Optional<String> code(Input input) {
    if (!(input instanceof Input.Text t) || t.text() == null) {
      return Optional.empty();
    }
    String text = t.text().strip();
    Optional<Command> command = Command.parse(text);
    if (command.isPresent()) {
      String name = command.get().name();
      String arg = command.get().argument();
      return (name.equals("start") || name.equals("join")) && !arg.isBlank()
          ? Optional.of(arg)
          : Optional.empty();
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.startsWith("join ") && text.length() <= 64) {
      return Optional.of(text.substring(5).strip());
    }
    return Optional.empty();
  }
}
