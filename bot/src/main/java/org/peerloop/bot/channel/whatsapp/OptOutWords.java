package org.peerloop.bot.channel.whatsapp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.peerloop.content.catalog.Yamls;

/**
 * The words that stop, restart or leave, from {@code content/channels/whatsapp.yaml}, in every
 * language at once: someone who joined in Kiswahili and types STOP is stopped.
 */
final class OptOutWords {

  enum Kind {
    STOP,
    START,
    LEAVE
  }

  private final Set<String> stop;
  private final Set<String> start;
  private final Set<String> leave;

  private OptOutWords(Set<String> stop, Set<String> start, Set<String> leave) {
    this.stop = stop;
    this.start = start;
    this.leave = leave;
  }

  static OptOutWords load() {
    String file = "channels/whatsapp.yaml";
    try (InputStream in = OptOutWords.class.getClassLoader().getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException(file + " is missing from the content");
      }
      Map<String, Object> all =
          Yamls.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), file);
      return new OptOutWords(
          words(all, "stop", file), words(all, "start", file), words(all, "leave", file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> words(Map<String, Object> all, String key, String file) {
    Set<String> out = new HashSet<>();
    Map<String, Object> byLanguage = Yamls.asMap(all.get(key), file + " " + key);
    for (Map.Entry<String, Object> e : byLanguage.entrySet()) {
      List<String> list = Yamls.asStrings(e.getValue(), file + " " + key + "." + e.getKey());
      list.forEach(w -> out.add(normal(w)));
    }
    return Set.copyOf(out);
  }

  /** What a whole message means, or null when it is an ordinary message. */
  Kind of(String text) {
    if (text == null || text.length() > 40) {
      return null;
    }
    String t = normal(text);
    if (stop.contains(t)) {
      return Kind.STOP;
    }
    if (start.contains(t)) {
      return Kind.START;
    }
    return leave.contains(t) ? Kind.LEAVE : null;
  }

  /** Lower case, accents off, punctuation and extra spaces gone: "Arrêt !" → "arret". */
  static String normal(String text) {
    String t = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    t = t.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 ]", " ");
    return t.strip().replaceAll("\\s+", " ");
  }
}
