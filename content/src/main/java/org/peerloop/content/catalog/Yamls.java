package org.peerloop.content.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads content YAML with every scalar kept as a string. YAML 1.1 would turn {@code yes}, {@code
 * no} and {@code on} into booleans, which silently breaks word lists and catalogue keys; callers
 * parse numbers and flags themselves.
 */
public final class Yamls {

  private Yamls() {}

  /** The document as nested maps, lists and strings; an empty document reads as an empty map. */
  public static Map<String, Object> read(String text, String fileName) {
    Object tree;
    try {
      tree = yaml().load(text);
    } catch (YAMLException e) {
      throw new ContentFormatException(fileName + ": not valid YAML: " + e.getMessage(), e);
    }
    if (tree == null) {
      return Map.of();
    }
    if (!(tree instanceof Map<?, ?> map)) {
      throw new ContentFormatException(fileName + ": expected a mapping at the top");
    }
    return asMap(map, fileName);
  }

  /** A nested mapping with string keys, or an error naming the file. */
  public static Map<String, Object> asMap(Object node, String where) {
    if (!(node instanceof Map<?, ?> map)) {
      throw new ContentFormatException(where + ": expected a mapping");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  /** A list of strings, or an error naming the file. */
  public static List<String> asStrings(Object node, String where) {
    if (!(node instanceof List<?> list)) {
      throw new ContentFormatException(where + ": expected a list");
    }
    return list.stream().map(String::valueOf).toList();
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Resolver stringsOnly =
        new Resolver() {
          @Override
          protected void addImplicitResolvers() {
            // none: every plain scalar stays a string
          }
        };
    DumperOptions dumper = new DumperOptions();
    return new Yaml(
        new SafeConstructor(options), new Representer(dumper), dumper, options, stringsOnly);
  }
}
