package org.peerloop.content.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.peerloop.content.catalog.ContentFormatException;
import org.peerloop.content.catalog.Yamls;

/**
 * Turns a flow file into a {@link Flow}. It refuses what cannot be read at all (an unknown kind, a
 * missing id, a bad number); what can be read but is wrong (a step nobody reaches) is left to the
 * checker so an author sees every problem at once.
 */
final class FlowReader {

  static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9-]{0,31}");
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern LIST =
      Pattern.compile("[a-z][a-z0-9_-]*(\\{[a-z][a-z0-9-]*}[a-z0-9_-]*)*");
  private static final Pattern RANGE = Pattern.compile("(-?\\d+)\\s*-\\s*(-?\\d+)");
  private static final int DEFAULT_REPROMPTS = 2;
  private static final int DEFAULT_MAX_LENGTH = 1000;

  private FlowReader() {}

  static Flow read(String text, String file) {
    Map<String, Object> doc = Yamls.read(text, file);
    String id = slug(required(doc, "id", file), file + " id");
    int revision = integer(required(doc, "revision", file), file + " revision");
    List<String> languages = Yamls.asStrings(required(doc, "languages", file), file + " languages");
    Map<String, Object> defaults =
        doc.containsKey("defaults")
            ? Yamls.asMap(doc.get("defaults"), file + " defaults")
            : Map.of();
    Wait defaultWait = wait(defaults.get("wait"), file + " defaults.wait");
    int defaultReprompts = integerOr(defaults.get("max-reprompts"), DEFAULT_REPROMPTS, file);

    List<Object> rawSteps = list(required(doc, "steps", file), file + " steps");
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < rawSteps.size(); i++) {
      Map<String, Object> s = Yamls.asMap(rawSteps.get(i), file + " step " + (i + 1));
      String where = file + " step " + s.getOrDefault("id", i + 1);
      String stepId = slug(required(s, "id", where), where + " id");
      if (stepId.equals(Step.END)) {
        throw new ContentFormatException(where + ": 'end' is reserved for ending the flow");
      }
      Question question = question(s, where);
      Wait stepWait = s.containsKey("wait") ? wait(s.get("wait"), where + " wait") : defaultWait;
      String following =
          i + 1 < rawSteps.size()
              ? String.valueOf(Yamls.asMap(rawSteps.get(i + 1), where).get("id"))
              : Step.END;
      steps.add(
          new Step(
              stepId,
              question,
              flag(s.get("optional"), where + " optional"),
              integerOr(s.get("max-reprompts"), defaultReprompts, where),
              question.waits() ? stepWait : null,
              s.containsKey("next") ? String.valueOf(s.get("next")) : following,
              strings(s.get("branch"), where + " branch"),
              s.containsKey("when") ? placeholder(s.get("when"), where + " when") : null,
              s.containsKey("about") ? slug(s.get("about"), where + " about") : null));
    }
    return new Flow(
        id, revision, languages, steps, flag(doc.get("anonymous"), file + " anonymous"));
  }

  private static Question question(Map<String, Object> s, String where) {
    String kind = String.valueOf(required(s, "kind", where));
    return switch (kind) {
      case "rating" ->
          new Question.Rating(
              integer(required(s, "min", where), where + " min"),
              integer(required(s, "max", where), where + " max"),
              flag(s.get("decimals"), where + " decimals"),
              bands(s.get("bands"), where + " bands"));
      case "choice" ->
          s.containsKey("options-from")
              ? new Question.Choice(List.of(), optionsFrom(s.get("options-from"), where))
              : new Question.Choice(
                  Yamls.asStrings(required(s, "options", where), where + " options").stream()
                      .map(o -> slug(o, where + " option"))
                      .toList());
      case "lowest" ->
          new Question.Lowest(
              Yamls.asStrings(required(s, "of", where), where + " of").stream()
                  .map(o -> slug(o, where + " of"))
                  .toList());
      case "yes-no" -> new Question.YesNo();
      case "text" ->
          new Question.FreeText(
              integerOr(s.get("min-length"), 1, where),
              integerOr(s.get("max-length"), DEFAULT_MAX_LENGTH, where));
      case "text-or-media" ->
          new Question.TextOrMedia(integerOr(s.get("max-length"), DEFAULT_MAX_LENGTH, where));
      case "message" -> new Question.Message();
      default ->
          throw new ContentFormatException(
              where
                  + ": unknown kind '"
                  + kind
                  + "' (rating, choice, yes-no, text, text-or-media, message, lowest)");
    };
  }

  private static List<Band> bands(Object node, String where) {
    List<Band> bands = new ArrayList<>();
    strings(node, where)
        .forEach(
            (name, range) -> {
              Matcher m = RANGE.matcher(range.strip());
              if (!m.matches()) {
                throw new ContentFormatException(where + ": '" + range + "' is not like 0-4");
              }
              bands.add(
                  new Band(
                      slug(name, where),
                      Integer.parseInt(m.group(1)),
                      Integer.parseInt(m.group(2))));
            });
    return bands;
  }

  private static Wait wait(Object node, String where) {
    if (node == null) {
      return new Wait(List.of(), null);
    }
    Map<String, Object> w = Yamls.asMap(node, where);
    return new Wait(
        reminders(w.get("remind-after"), where), Durations.parse(w.get("expire-after"), where));
  }

  /** {@code remind-after: 24h} or {@code remind-after: [24h, 72h]}; missing is no reminders. */
  private static List<Duration> reminders(Object node, String where) {
    if (node == null) {
      return List.of();
    }
    if (!(node instanceof List<?> items)) {
      return List.of(Durations.parse(node, where));
    }
    List<Duration> reminders = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      // String.valueOf: an empty item is refused as 'null' rather than read as no reminder
      reminders.add(
          Durations.parse(String.valueOf(items.get(i)), where + " remind-after item " + (i + 1)));
    }
    return reminders;
  }

  /** A context value's name, as in a {placeholder}. */
  private static String placeholder(Object value, String where) {
    String s = String.valueOf(value);
    if (!NAME.matcher(s).matches()) {
      throw new ContentFormatException(where + ": '" + s + "' is not a value name (a-z, 0-9, _)");
    }
    return s;
  }

  /** A list name, perhaps with {answer} placeholders: {@code ladder-{tier}}. */
  private static String optionsFrom(Object value, String where) {
    String s = String.valueOf(value);
    if (!LIST.matcher(s).matches()) {
      throw new ContentFormatException(where + ": options-from '" + s + "' is not a list name");
    }
    return s;
  }

  private static Object required(Map<String, Object> map, String key, String where) {
    Object value = map.get(key);
    if (value == null) {
      throw new ContentFormatException(where + ": '" + key + "' is missing");
    }
    return value;
  }

  private static String slug(Object value, String where) {
    String s = String.valueOf(value);
    if (!SLUG.matcher(s).matches()) {
      throw new ContentFormatException(where + ": '" + s + "' is not a slug (a-z, 0-9, -)");
    }
    return s;
  }

  private static int integer(Object value, String where) {
    try {
      return Integer.parseInt(String.valueOf(value).strip());
    } catch (NumberFormatException e) {
      throw new ContentFormatException(where + ": '" + value + "' is not a whole number");
    }
  }

  private static int integerOr(Object value, int fallback, String where) {
    return value == null ? fallback : integer(value, where);
  }

  private static boolean flag(Object value, String where) {
    if (value == null) {
      return false;
    }
    return switch (String.valueOf(value)) {
      case "true", "yes" -> true;
      case "false", "no" -> false;
      default -> throw new ContentFormatException(where + ": '" + value + "' is not true or false");
    };
  }

  private static Map<String, String> strings(Object node, String where) {
    if (node == null) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    Yamls.asMap(node, where).forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object node, String where) {
    if (!(node instanceof List<?> l) || l.isEmpty()) {
      throw new ContentFormatException(where + ": expected a list of steps");
    }
    return (List<Object>) l;
  }
}
