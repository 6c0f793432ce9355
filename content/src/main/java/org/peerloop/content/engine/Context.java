package org.peerloop.content.engine;

import java.util.List;
import java.util.Map;
import org.peerloop.content.catalog.Catalog;

/**
 * What the engine needs besides the flow and state: the person's language (used when a session
 * starts), the values for {placeholders} such as {@code name}, {@code partner} and {@code period},
 * the lists a choice can draw its options from, and the catalogue of texts.
 */
public record Context(
    String language, Map<String, String> values, Map<String, List<Option>> lists, Catalog catalog) {

  /** One entry of a list the bot supplies for a choice: a short slug key and what it says. */
  public record Option(String key, String label) {}

  public Context {
    values = Map.copyOf(values);
    lists = Map.copyOf(lists);
  }

  public Context(String language, Map<String, String> values, Catalog catalog) {
    this(language, values, Map.of(), catalog);
  }
}
