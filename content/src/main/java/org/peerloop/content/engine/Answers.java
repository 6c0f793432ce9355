package org.peerloop.content.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peerloop.content.catalog.Catalog;
import org.peerloop.content.flow.Flow;
import org.peerloop.content.flow.Question;
import org.peerloop.content.flow.Step;
import org.peerloop.content.parse.ChoiceParser;
import org.peerloop.content.parse.Parsed;
import org.peerloop.content.parse.RatingParser;
import org.peerloop.content.parse.TextParser;
import org.peerloop.content.parse.YesNoParser;

/** Reads typed text or a button value as an answer to one step, by the step's kind. */
final class Answers {

  private Answers() {}

  static AnswerKind kind(Question question) {
    if (question instanceof Question.Rating) {
      return AnswerKind.RATING;
    } else if (question instanceof Question.Choice) {
      return AnswerKind.CHOICE;
    } else if (question instanceof Question.YesNo) {
      return AnswerKind.YES_NO;
    }
    return AnswerKind.TEXT;
  }

  /** {@code supplied}: the bot's options for a choice that draws them from a list, else null. */
  static Parsed read(
      Flow flow, Step step, String text, Catalog catalog, List<Context.Option> supplied) {
    Question q = step.question();
    if (q instanceof Question.Rating r) {
      return RatingParser.parse(r, text, catalog.words());
    } else if (q instanceof Question.Choice && supplied != null) {
      Map<String, List<String>> labels = new LinkedHashMap<>();
      supplied.forEach(o -> labels.put(o.key(), List.of(o.label())));
      Parsed parsed =
          ChoiceParser.parse(
              supplied.stream().map(Context.Option::key).toList(), text, labels, catalog.words());
      return parsed instanceof Parsed.Accepted a
          ? new Parsed.Accepted(a.value(), Question.Choice.CHOSEN)
          : parsed;
    } else if (q instanceof Question.Choice c) {
      return ChoiceParser.parse(c, text, labels(flow, step, c, catalog), catalog.words());
    } else if (q instanceof Question.YesNo) {
      return YesNoParser.parse(text, catalog.words());
    } else if (q instanceof Question.FreeText t) {
      return TextParser.parse(text, t.minLength(), t.maxLength());
    } else if (q instanceof Question.TextOrMedia t) {
      return TextParser.parse(text, 1, t.maxLength());
    }
    throw new IllegalStateException("step " + step.id() + " does not take answers");
  }

  /** Labels in every language of the flow: people answer in whichever comes to mind. */
  private static Map<String, List<String>> labels(
      Flow flow, Step step, Question.Choice choice, Catalog catalog) {
    Map<String, List<String>> labels = new LinkedHashMap<>();
    for (String option : choice.options()) {
      List<String> all = new ArrayList<>();
      String key = flow.id() + "." + step.id() + ".option." + option;
      flow.languages().forEach(lang -> catalog.find(lang, key).ifPresent(all::add));
      labels.put(option, all);
    }
    return labels;
  }
}
