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

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

  private final Flow flow;
  private final Catalog catalog;
  private final String language;
  private final Map<String, String> values;

  Prompts(Flow flow, Context context, String language) {
    this.flow = flow;
    this.catalog = context.catalog();
    this.language = language;
    Map<String, String> all = new HashMap<>(context.values());
    all.put("yes", catalog.text(language, "system.yes"));
    all.put("no", catalog.text(language, "system.no"));
    all.put("skip", catalog.words().hint(language, Words.Control.SKIP));
    this.values = Map.copyOf(all);
  }

  /** The step's own question, with the scale of a rating and the skip hint of an optional step. */
  String question(Step step) {
    List<String> lines = new ArrayList<>();
    lines.add(stepText(step, "prompt", Map.of()));
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
    } else if (q instanceof Question.Choice c) {
      c.options()
          .forEach(o -> buttons.add(button(step, stepText(step, "option." + o, Map.of()), o)));
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
    return catalog.find(language, key).map(t -> fill(t, Map.of())).orElse("");
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
