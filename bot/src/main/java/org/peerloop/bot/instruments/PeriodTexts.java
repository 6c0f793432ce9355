package org.peerloop.bot.instruments;

import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;
import org.peerloop.bot.texts.BotTexts;
import org.peerloop.scheduler.Period;

/** A period as people say it: "week 48", "November 2026", "the 4th quarter of 2026". */
public final class PeriodTexts {

  private PeriodTexts() {}

  public static String of(Period p, String language, BotTexts texts) {
    String year = String.valueOf(p.year());
    return switch (p.kind()) {
      case WEEK -> texts.text(language, "period-week", Map.of("week", "" + p.number()));
      case MONTH ->
          texts.text(
              language,
              "period-month",
              Map.of(
                  "month",
                  p.start()
                      .getMonth()
                      .getDisplayName(TextStyle.FULL_STANDALONE, Locale.forLanguageTag(language)),
                  "year",
                  year));
      case QUARTER ->
          texts.text(language, "period-quarter", Map.of("quarter", "" + p.number(), "year", year));
    };
  }
}
