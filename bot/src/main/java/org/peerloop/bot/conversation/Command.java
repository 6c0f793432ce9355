package org.peerloop.bot.conversation;

import java.util.Locale;
import java.util.Optional;

/**
 * A slash command as typed: {@code /checkin}, {@code /help@PeerLoopBot}, {@code /start CODE}. The
 * name is lower-cased and stripped of a bot mention; the rest is its argument.
 */
record Command(String name, String argument) {

  static Optional<Command> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.strip();
    if (t.length() < 2 || t.charAt(0) != '/' || !Character.isLetter(t.charAt(1))) {
      return Optional.empty();
    }
    int space = t.indexOf(' ');
    String head = space < 0 ? t.substring(1) : t.substring(1, space);
    String argument = space < 0 ? "" : t.substring(space + 1).strip();
    int at = head.indexOf('@');
    if (at >= 0) {
      head = head.substring(0, at);
    }
    return Optional.of(new Command(head.toLowerCase(Locale.ROOT), argument));
  }
}
