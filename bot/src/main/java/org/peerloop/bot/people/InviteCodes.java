package org.peerloop.bot.people;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Invite codes: eight characters people can read out and type on a phone, without the look-alikes
 * 0/O and 1/I/L. Typed codes are read case-insensitively, ignoring spaces and dashes.
 */
public final class InviteCodes {

  private static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  static final int LENGTH = 8;
  private static final SecureRandom RANDOM = new SecureRandom();

  private InviteCodes() {}

  public static String fresh() {
    StringBuilder b = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }

  /** The code as stored, or null when {@code typed} cannot be one. */
  public static String normalise(String typed) {
    if (typed == null) {
      return null;
    }
    String t = typed.strip().replace(" ", "").replace("-", "").toUpperCase(Locale.ROOT);
    return t.matches("[A-Z0-9_]{4,32}") ? t : null;
  }
}
