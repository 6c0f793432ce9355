package org.peerloop.content.catalog;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The words the engine understands, from {@code words/<lang>.yaml}. Every language's words are
 * understood whatever the person's language: people mix languages, and a word that means two things
 * in two languages is refused when the files are loaded.
 */
public final class Words {

  /** Words that steer the flow rather than answer the question. */
  public enum Control {
    SKIP,
    BACK,
    CANCEL
  }

  private static final Pattern MARKS = Pattern.compile("\\p{Mn}+");
  private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[.!?,;:\\s]+$");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private final Map<String, Control> controls;
  private final Map<String, Boolean> yesNo;
  private final Map<String, Integer> numbers;
  private final List<String> outOf;
  private final Map<String, Map<Control, String>> hintWords;

  Words(
      Map<String, Control> controls,
      Map<String, Boolean> yesNo,
      Map<String, Integer> numbers,
      List<String> outOf,
      Map<String, Map<Control, String>> hintWords) {
    this.controls = Map.copyOf(controls);
    this.yesNo = Map.copyOf(yesNo);
    this.numbers = Map.copyOf(numbers);
    this.outOf = List.copyOf(outOf);
    this.hintWords = Map.copyOf(hintWords);
  }

  /**
   * Lower case, no accents, single spaces, no trailing full stop: {@code " Sept! "} and {@code
   * "sept"} read the same. Digits of any script are kept as they are.
   */
  public static String normalize(String text) {
    String s = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC);
    s = s.toLowerCase(java.util.Locale.ROOT).replace('’', '\'');
    s = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
    s = Normalizer.normalize(s, Normalizer.Form.NFC);
    s = SPACES.matcher(s.strip()).replaceAll(" ");
    return TRAILING_PUNCTUATION.matcher(s).replaceAll("");
  }

  public Optional<Control> control(String input) {
    return Optional.ofNullable(controls.get(normalize(input)));
  }

  public Optional<Boolean> yesNo(String input) {
    return Optional.ofNullable(yesNo.get(normalize(input)));
  }

  public OptionalInt number(String word) {
    Integer n = numbers.get(normalize(word));
    return n == null ? OptionalInt.empty() : OptionalInt.of(n);
  }

  /** Phrases such as "out of" in "7 out of 10", normalised. */
  public List<String> outOf() {
    return outOf;
  }

  /** The word to show in hints, e.g. "skip" in English and "ruka" in Kiswahili. */
  public String hint(String language, Control control) {
    Map<Control, String> words = hintWords.getOrDefault(language, hintWords.get("en"));
    return words == null ? control.name().toLowerCase(java.util.Locale.ROOT) : words.get(control);
  }

  /** Used by the loader to refuse one word with two meanings across languages. */
  static <V> void putOnce(
      Map<String, V> map, String word, V value, String file, Map<String, Object> seen) {
    String key = normalize(word);
    Object earlier = seen.putIfAbsent(key, value);
    if (earlier != null && !earlier.equals(value)) {
      throw new ContentFormatException(
          file + ": '" + word + "' already means " + earlier + " in another word list");
    }
    map.put(key, value);
  }

  static Map<String, Object> newSeen() {
    return new HashMap<>();
  }
}
