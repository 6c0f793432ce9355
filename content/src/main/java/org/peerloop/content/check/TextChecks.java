package org.peerloop.content.check;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.peerloop.content.catalog.Catalog;
import org.peerloop.content.engine.Payload;
import org.peerloop.content.flow.Flow;
import org.peerloop.content.flow.Question;
import org.peerloop.content.flow.Step;

/** The checker's rules about texts: present in each language, truly translated, fillable. */
final class TextChecks {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9_]*)}");

  private TextChecks() {}

  static void checkFlow(Flow flow, Catalog catalog, List<Problem> problems) {
    String label = flow.label();
    if (!flow.speaks(Catalog.REFERENCE)) {
      problems.add(new Problem(Rule.MISSING_TEXT, label, "does not declare en, the reference"));
    }
    // Every text English has for this flow is expected in each declared language too.
    Set<String> keys = new LinkedHashSet<>(requiredKeys(flow));
    String prefix = flow.id() + ".";
    catalog.keys(Catalog.REFERENCE).stream().filter(k -> k.startsWith(prefix)).forEach(keys::add);
    for (String language : flow.languages()) {
      for (String key : keys) {
        var text = catalog.find(language, key);
        if (text.isEmpty()) {
          problems.add(new Problem(Rule.MISSING_TEXT, label + " " + language, key));
          continue;
        }
        checkPlaceholders(label + " " + language + " " + key, text.get(), catalog, problems);
        checkSame(label, language, key, text.get(), catalog, problems);
      }
    }
    for (Step step : flow.steps()) {
      for (String value : payloadValues(step)) {
        String payload = new Payload(flow.id(), step.id(), value).encode();
        int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > Payload.MAX_BYTES) {
          problems.add(
              new Problem(
                  Rule.PAYLOAD_TOO_LONG,
                  label + " " + step.id(),
                  payload + " is " + bytes + " bytes; shorten the flow, step or option id"));
        }
      }
    }
  }

  /**
   * Shared texts (the engine's {@code system.*} and the bot's {@code bot.*}): every English one
   * must exist, translated, in every supported language.
   */
  static void checkSystem(Catalog catalog, List<Problem> problems) {
    List<String> keys =
        catalog.keys(Catalog.REFERENCE).stream()
            .filter(k -> k.startsWith("system.") || k.startsWith("bot."))
            .toList();
    for (String language : catalog.languages()) {
      for (String key : keys) {
        var text = catalog.find(language, key);
        if (text.isEmpty()) {
          problems.add(new Problem(Rule.MISSING_TEXT, "shared " + language, key));
        } else {
          checkSame("shared", language, key, text.get(), catalog, problems);
        }
      }
    }
  }

  static List<String> requiredKeys(Flow flow) {
    List<String> keys = new ArrayList<>();
    for (Step step : flow.steps()) {
      String base = flow.id() + "." + step.id() + ".";
      if (step.question() instanceof Question.Lowest lowest) {
        lowest.of().forEach(rated -> keys.add(flow.id() + "." + rated + ".name"));
        continue; // it says nothing itself
      }
      keys.add(base + "prompt");
      if (step.question() instanceof Question.Rating) {
        keys.add(base + "min");
        keys.add(base + "max");
      } else if (step.question() instanceof Question.Choice c) {
        c.options().forEach(o -> keys.add(base + "option." + o));
      }
      // A step that speaks of a chosen step needs that step's short name, for {about}.
      if (step.about() != null) {
        flow.step(step.about())
            .filter(s -> s.question() instanceof Question.Choice)
            .ifPresent(
                s ->
                    ((Question.Choice) s.question())
                        .options().stream()
                            .filter(o -> flow.step(o).isPresent())
                            .forEach(o -> keys.add(flow.id() + "." + o + ".name")));
      }
    }
    return keys.stream().distinct().toList();
  }

  private static void checkSame(
      String where, String language, String key, String text, Catalog catalog, List<Problem> out) {
    if (language.equals(Catalog.REFERENCE) || catalog.intentionallySame(language, key)) {
      return;
    }
    if (catalog.find(Catalog.REFERENCE, key).filter(text::equals).isPresent()) {
      out.add(
          new Problem(
              Rule.SAME_AS_ENGLISH,
              where + " " + language,
              key + " reads exactly as in English; translate it or list it in _same_as_english"));
    }
  }

  private static void checkPlaceholders(
      String where, String text, Catalog catalog, List<Problem> problems) {
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      if (!catalog.placeholders().contains(m.group(1))) {
        problems.add(
            new Problem(
                Rule.UNKNOWN_PLACEHOLDER,
                where,
                "{" + m.group(1) + "} is not one of " + catalog.placeholders()));
      }
    }
  }

  private static List<String> payloadValues(Step step) {
    List<String> values = new ArrayList<>();
    if (step.question() instanceof Question.Rating r) {
      values.add("" + r.max());
      values.add("" + r.min());
    } else if (step.question() instanceof Question.Choice c) {
      values.addAll(c.options());
    } else if (step.question() instanceof Question.YesNo) {
      values.add("yes");
    }
    if (step.optional()) {
      values.add(Payload.SKIP);
    }
    return values;
  }
}
