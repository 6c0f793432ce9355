package org.peerloop.content.catalog;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads languages.yaml, words/<lang>.yaml and every messages/<namespace>.<lang>.yaml for the
 * namespaces that exist: {@code system}, {@code bot} and each flow id seen in the source.
 */
final class CatalogLoader {

  static final String SAME_AS_ENGLISH = "_same_as_english";

  /** Texts not tied to one flow: the engine's own ({@code system}) and the bot's ({@code bot}). */
  public static final Set<String> SHARED_NAMESPACES = Set.of("system", "bot");

  private static final Pattern FLOW_FILE =
      Pattern.compile("flows/([a-z][a-z0-9-]*)\\.r\\d+\\.yaml");

  private CatalogLoader() {}

  static Catalog load(ContentSource source) {
    String file = "languages.yaml";
    Map<String, Object> setup = Yamls.read(source.read(file).orElse(""), file);
    List<String> languages = Yamls.asStrings(setup.get("languages"), file + " languages");
    List<String> placeholders =
        Yamls.asStrings(setup.getOrDefault("placeholders", List.of()), file + " placeholders");
    Set<String> namespaces = new HashSet<>(SHARED_NAMESPACES);
    for (String flowFile : source.flowFiles()) {
      var m = FLOW_FILE.matcher(flowFile);
      if (m.matches()) {
        namespaces.add(m.group(1));
      }
    }
    Map<String, Map<String, String>> texts = new HashMap<>();
    Map<String, Set<String>> same = new HashMap<>();
    for (String language : languages) {
      Map<String, String> all = new LinkedHashMap<>();
      Set<String> sameKeys = new HashSet<>();
      for (String namespace : namespaces.stream().sorted().toList()) {
        String path = "messages/" + namespace + "." + language + ".yaml";
        var text = source.read(path);
        if (text.isEmpty()) {
          continue;
        }
        Map<String, Object> tree = new LinkedHashMap<>(Yamls.read(text.get(), path));
        Object listed = tree.remove(SAME_AS_ENGLISH);
        if (listed != null) {
          Yamls.asStrings(listed, path).forEach(k -> sameKeys.add(namespace + "." + k));
        }
        flatten(namespace, tree, all, path);
      }
      texts.put(language, all);
      same.put(language, sameKeys);
    }
    return new Catalog(languages, placeholders, texts, same, loadWords(source, languages));
  }

  private static void flatten(
      String prefix, Map<String, Object> tree, Map<String, String> out, String file) {
    tree.forEach(
        (key, value) -> {
          String full = prefix + "." + key;
          if (value instanceof Map<?, ?> nested) {
            flatten(full, Yamls.asMap(nested, file), out, file);
          } else if (value instanceof String text) {
            out.put(full, text);
          } else {
            throw new ContentFormatException(file + ": " + full + " should be a text");
          }
        });
  }

  private static Words loadWords(ContentSource source, List<String> languages) {
    Map<String, Words.Control> controls = new HashMap<>();
    Map<String, Boolean> yesNo = new HashMap<>();
    Map<String, Integer> numbers = new HashMap<>();
    List<String> outOf = new ArrayList<>();
    Map<String, Map<Words.Control, String>> hints = new HashMap<>();
    Map<String, Object> seen = Words.newSeen();
    for (String language : languages) {
      String path = "words/" + language + ".yaml";
      Map<String, Object> tree =
          Yamls.read(
              source.read(path).orElseThrow(() -> new ContentFormatException(path + ": missing")),
              path);
      Map<Words.Control, String> hint = new EnumMap<>(Words.Control.class);
      for (Words.Control control : Words.Control.values()) {
        String key = control.name().toLowerCase(java.util.Locale.ROOT);
        List<String> list = Yamls.asStrings(tree.get(key), path + " " + key);
        list.forEach(w -> Words.putOnce(controls, w, control, path, seen));
        hint.put(control, list.get(0));
      }
      hints.put(language, hint);
      Yamls.asStrings(tree.get("yes"), path + " yes")
          .forEach(w -> Words.putOnce(yesNo, w, Boolean.TRUE, path, seen));
      Yamls.asStrings(tree.get("no"), path + " no")
          .forEach(w -> Words.putOnce(yesNo, w, Boolean.FALSE, path, seen));
      Yamls.asStrings(tree.getOrDefault("out-of", List.of()), path + " out-of").stream()
          .map(Words::normalize)
          .forEach(outOf::add);
      Yamls.asMap(tree.get("numbers"), path + " numbers")
          .forEach((w, n) -> Words.putOnce(numbers, w, parseInt(n, path), path, seen));
    }
    return new Words(controls, yesNo, numbers, outOf, hints);
  }

  private static int parseInt(Object value, String file) {
    try {
      return Integer.parseInt(String.valueOf(value));
    } catch (NumberFormatException e) {
      throw new ContentFormatException(file + ": '" + value + "' is not a whole number");
    }
  }
}
