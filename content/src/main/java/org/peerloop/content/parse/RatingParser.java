package org.peerloop.content.parse;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.peerloop.content.catalog.Words;
import org.peerloop.content.flow.Band;
import org.peerloop.content.flow.Question;

/**
 * Reads a rating: {@code 7}, {@code 7/10}, {@code 7 out of 10}, {@code seven}, {@code saba}, {@code
 * sept}, {@code ٧}. Anything else, including a number outside the range, is rejected with a text
 * that states the range.
 */
public final class RatingParser {

  private RatingParser() {}

  public static Parsed parse(Question.Rating rating, String input, Words words) {
    String text = Words.normalize(input);
    Map<String, String> range = Map.of("min", "" + rating.min(), "max", "" + rating.max());
    Parsed.Rejected invalid = new Parsed.Rejected("system.rating.invalid", range);
    Optional<BigDecimal> read = readWithScale(text, rating, words);
    if (read.isEmpty()) {
      return invalid;
    }
    BigDecimal value = read.get().stripTrailingZeros();
    if (value.scale() > 0 && !rating.decimals()) {
      return new Parsed.Rejected("system.rating.whole", range);
    }
    if (value.compareTo(BigDecimal.valueOf(rating.min())) < 0
        || value.compareTo(BigDecimal.valueOf(rating.max())) > 0) {
      return invalid;
    }
    String category =
        rating.bands().stream()
            .filter(b -> b.contains(value))
            .map(Band::name)
            .findFirst()
            .orElse(null);
    return new Parsed.Accepted(value.toPlainString(), category);
  }

  /** "7/10" and "7 out of 10" count only when the scale is the step's own: 7/5 is not 7/10. */
  private static Optional<BigDecimal> readWithScale(
      String text, Question.Rating rating, Words words) {
    String[] parts = splitScale(text, words);
    if (parts == null) {
      return Numbers.read(text, words);
    }
    Optional<BigDecimal> scale = Numbers.read(parts[1].strip(), words);
    if (scale.isEmpty() || scale.get().compareTo(BigDecimal.valueOf(rating.max())) != 0) {
      return Optional.empty();
    }
    return Numbers.read(parts[0].strip(), words);
  }

  private static String[] splitScale(String text, Words words) {
    int slash = text.indexOf('/');
    if (slash > 0) {
      return new String[] {text.substring(0, slash), text.substring(slash + 1)};
    }
    for (String phrase : words.outOf()) {
      int at = text.indexOf(" " + phrase + " ");
      if (at > 0) {
        return new String[] {text.substring(0, at), text.substring(at + phrase.length() + 2)};
      }
    }
    return null;
  }
}
