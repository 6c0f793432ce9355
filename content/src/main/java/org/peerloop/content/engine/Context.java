package org.peerloop.content.engine;

import java.util.Map;
import org.peerloop.content.catalog.Catalog;

/**
 * What the engine needs besides the flow and state: the person's language (used when a session
 * starts), the values for {placeholders} such as {@code name}, {@code partner} and {@code period},
 * and the catalogue of texts.
 */
public record Context(String language, Map<String, String> values, Catalog catalog) {

  public Context {
    values = Map.copyOf(values);
  }
}
