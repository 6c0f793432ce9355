package org.peerloop.content.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every text per language, keyed {@code <flow>.<step>.<part>} or {@code system.<part>}, plus the
 * words the engine understands. Loaded once by {@link ContentSource}; immutable afterwards.
 */
public final class Catalog {

  /** The reference language: its texts are the ones others are compared with. */
  public static final String REFERENCE = "en";

  private final List<String> languages;
  private final List<String> placeholders;
  private final Map<String, Map<String, String>> texts;
  private final Map<String, Set<String>> sameAsEnglish;
  private final Words words;

  Catalog(
      List<String> languages,
      List<String> placeholders,
      Map<String, Map<String, String>> texts,
      Map<String, Set<String>> sameAsEnglish,
      Words words) {
    this.languages = List.copyOf(languages);
    this.placeholders = List.copyOf(placeholders);
    this.texts = Map.copyOf(texts);
    this.sameAsEnglish = Map.copyOf(sameAsEnglish);
    this.words = words;
  }

  public static Catalog load(ContentSource source) {
    return CatalogLoader.load(source);
  }

  /** Languages the engine can speak (languages.yaml). */
  public List<String> languages() {
    return languages;
  }

  /** Placeholders the bot fills, such as {@code name} and {@code partner}. */
  public List<String> placeholders() {
    return placeholders;
  }

  public Optional<String> find(String language, String key) {
    return Optional.ofNullable(texts.getOrDefault(language, Map.of()).get(key));
  }

  /**
   * The text in the language, else in English, else the key itself: a missing text is a checker
   * failure at build time, so at run time the person still gets something readable.
   */
  public String text(String language, String key) {
    return find(language, key).or(() -> find(REFERENCE, key)).orElse(key);
  }

  public Set<String> keys(String language) {
    return texts.getOrDefault(language, Map.of()).keySet();
  }

  /** True when the language's file lists the key as meant to read the same as English. */
  public boolean intentionallySame(String language, String key) {
    return sameAsEnglish.getOrDefault(language, Set.of()).contains(key);
  }

  public Words words() {
    return words;
  }
}
