package org.peerloop.content.parse;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.peerloop.content.catalog.Words;
import org.peerloop.content.flow.Question;

/**
 * Reads a choice: the option's key, its label in any of the flow's languages, or its position in
 * the list (people on WhatsApp often answer "2").
 */
public final class ChoiceParser {

  private ChoiceParser() {}

  /** {@code labels} maps each option key to its labels in every language of the flow. */
  public static Parsed parse(
      Question.Choice choice, String input, Map<String, List<String>> labels, Words words) {
    return parse(choice.options(), input, labels, words);
  }

  /** The same, over a list of option keys the bot supplied for this person. */
  public static Parsed parse(
      List<String> options, String input, Map<String, List<String>> labels, Words words) {
    String text = Words.normalize(input);
    for (String option : options) {
      if (option.equals(text)
          || labels.getOrDefault(option, List.of()).stream()
              .map(Words::normalize)
              .anyMatch(text::equals)) {
        return new Parsed.Accepted(option, option);
      }
    }
    var position = Numbers.read(text, words);
    if (position.isPresent()) {
      BigDecimal n = position.get();
      if (n.signum() > 0 && n.stripTrailingZeros().scale() <= 0 && n.intValue() <= options.size()) {
        String option = options.get(n.intValue() - 1);
        return new Parsed.Accepted(option, option);
      }
    }
    return Parsed.Rejected.of("system.choice.invalid");
  }
}
