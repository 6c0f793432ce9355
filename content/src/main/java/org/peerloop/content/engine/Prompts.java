package org.peerloop.content.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.peerloop.content.catalog.Catalog;
import org.peerloop.content.catalog.Words;
import org.peerloop.content.flow.Flow;
import org.peerloop.content.flow.Question;
import org.peerloop.content.flow.Step;

/** Builds what the person sees for a step: the text in their language and the buttons. */
final class Prompts {

  /** More buttons than this is a wall, not a keyboard; such ratings are typed. */
  static final int MAX_RATING_BUTTONS = 11;

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9_]*)}");

  private static final Pattern ANSWER = Pattern.compile("\\{([a-z][a-z0-9-]*)}");

  private final Flow flow;
  private final Catalog catalog;
  private final String language;
  private final Map<String, String> values;
  private final Map<String, List<Context.Option>> lists;
  private final Map<String, String> answers; // the turn's, live: a step may speak of an earlier one

  Prompts(Flow flow, Context context, String language, Map<String, String> answers) {
    this.flow = flow;
    this.catalog = context.catalog();
    this.language = language;
    this.lists = context.lists();
    this.answers = answers;
    Map<String, String> all = new HashMap<>(context.values());
    all.put("yes", catalog.text(language, "system.yes"));
    all.put("no", catalog.text(language, "system.no"));
    all.put("skip", catalog.words().hint(language, Words.Control.SKIP));
    this.values = Map.copyOf(all);
  }

  /** The step's own question, with the scale of a rating and the skip hint of an optional step. */
  String question(Step step) {
    List<String> lines = new ArrayList<>();
    lines.add(stepText(step, "prompt", aboutValues(step)));
    if (step.question() instanceof Question.Rating r) {
      lines.add(
          text(
              "system.rating.scale",
              Map.of(
                  "min",
                  "" + r.min(),
                  "max",
                  "" + r.max(),
                  "min_label",
                  stepText(step, "min", Map.of()),
                  "max_label",
                  stepText(step, "max", Map.of()))));
    }
    if (step.optional()) {
      lines.add(text("system.skip.hint", Map.of()));
    }
    return String.join("\n", lines);
  }

  List<Button> buttons(Step step) {
    List<Button> buttons = new ArrayList<>();
    Question q = step.question();
    if (q instanceof Question.Rating r && r.max() - r.min() < MAX_RATING_BUTTONS) {
      for (int n = r.min(); n <= r.max(); n++) {
        buttons.add(button(step, "" + n, "" + n));
      }
    } else if (q instanceof Question.Choice) {
      options(step).forEach(o -> buttons.add(button(step, o.label(), o.key())));
    } else if (q instanceof Question.YesNo) {
      buttons.add(button(step, text("system.yes", Map.of()), "yes"));
      buttons.add(button(step, text("system.no", Map.of()), "no"));
    }
    if (step.optional() && step.question().waits()) {
      buttons.add(button(step, text("system.button.skip", Map.of()), Payload.SKIP));
    }
    return buttons;
  }

  /** The step's own helpful re-prompt line, or empty text when it has none. */
  String reprompt(Step step) {
    String key = flow.id() + "." + step.id() + ".reprompt";
    return catalog.find(language, key).map(t -> fill(t, aboutValues(step))).orElse("");
  }

  /** A choice's options as the person sees them: the flow's own, or the list the bot supplied. */
  List<Context.Option> options(Step step) {
    if (!(step.question() instanceof Question.Choice c)) {
      return List.of();
    }
    List<Context.Option> supplied = supplied(step);
    if (supplied != null) {
      return supplied;
    }
    return c.options().stream()
        .map(o -> new Context.Option(o, stepText(step, "option." + o, Map.of())))
        .toList();
  }

  /** The bot's list for a choice with {@code options-from}; null for a choice with its own. */
  List<Context.Option> supplied(Step step) {
    if (!(step.question() instanceof Question.Choice c) || c.optionsFrom() == null) {
      return null;
    }
    Matcher m = ANSWER.matcher(c.optionsFrom());
    StringBuilder name = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(name, Matcher.quoteReplacement(answers.getOrDefault(m.group(1), "")));
    }
    return lists.getOrDefault(m.appendTail(name).toString(), List.of());
  }

  /** True when the step has nothing to ask this person: its {@code when} value or list is empty. */
  boolean absent(Step step) {
    if (step.when() != null && values.getOrDefault(step.when(), "").isBlank()) {
      return true;
    }
    List<Context.Option> supplied = supplied(step);
    return supplied != null && supplied.isEmpty();
  }

  /** {about} and {score} for a step that speaks of another one (see {@link Step#about()}). */
  private Map<String, String> aboutValues(Step step) {
    if (step.about() == null) {
      return Map.of();
    }
    String subject = answers.get(step.about());
    if (subject == null) {
      return Map.of();
    }
    return Map.of(
        "about",
        catalog.find(language, flow.id() + "." + subject + ".name").orElse(subject),
        "score",
        answers.getOrDefault(subject, ""));
  }

  String stepText(Step step, String part, Map<String, String> params) {
    return text(flow.id() + "." + step.id() + "." + part, params);
  }

  String text(String key, Map<String, String> params) {
    return fill(catalog.text(language, key), params);
  }

  /** Unknown placeholders stay visible, so a value the bot forgot shows up in the simulator. */
  private String fill(String template, Map<String, String> params) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = params.getOrDefault(m.group(1), values.get(m.group(1)));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    return m.appendTail(out).toString();
  }

  private Button button(Step step, String label, String value) {
    return new Button(label, new Payload(flow.id(), step.id(), value).encode());
  }
}
