package org.peerloop.bot.texts;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.peerloop.content.catalog.Catalog;

/** The bot's own texts (namespace {@code bot} in content/messages), with {placeholders} filled. */
public final class BotTexts {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
  private final Catalog catalog;

  public BotTexts(Catalog catalog) {
    this.catalog = catalog;
  }

  public String text(String language, String key, Map<String, String> values) {
    String template = catalog.text(language, "bot." + key);
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    return m.appendTail(out).toString();
  }

  public String text(String language, String key) {
    return text(language, key, Map.of());
  }
}
