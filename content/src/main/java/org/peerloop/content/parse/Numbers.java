package org.peerloop.content.parse;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalInt;
import org.peerloop.content.catalog.Words;

/**
 * Reads one number as people type it: digits in any script ({@code 7}, {@code ٧}, {@code ७}), a
 * decimal point or comma, a sign, or a number word from any language's word list.
 */
final class Numbers {

  private Numbers() {}

  /** The number in already-normalised text, or empty when it is not one number. */
  static Optional<BigDecimal> read(String normalized, Words words) {
    OptionalInt word = words.number(normalized);
    if (word.isPresent()) {
      return Optional.of(BigDecimal.valueOf(word.getAsInt()));
    }
    StringBuilder ascii = new StringBuilder();
    boolean digits = false;
    boolean point = false;
    for (int i = 0; i < normalized.length(); i++) {
      char c = normalized.charAt(i);
      int digit = Character.digit(c, 10);
      if (digit >= 0) {
        ascii.append(digit);
        digits = true;
      } else if ((c == '-' || c == '+') && i == 0) {
        ascii.append(c);
      } else if ((c == '.' || c == ',' || c == '٫') && digits && !point) {
        ascii.append('.');
        point = true;
      } else {
        return Optional.empty();
      }
    }
    if (!digits || ascii.charAt(ascii.length() - 1) == '.' || ascii.length() > 12) {
      return Optional.empty();
    }
    return Optional.of(new BigDecimal(ascii.toString()));
  }
}
