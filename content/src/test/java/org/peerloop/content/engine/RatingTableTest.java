package org.peerloop.content.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What people type for a 0–10 rating, in each language: either the saved value, or the re-prompt
 * stating the range in the person's language. {@code tap:} rows are button taps.
 */
class RatingTableTest {

  private static final String INVALID = "INVALID";
  private static final String WHOLE = "WHOLE";

  private static final String[][] CASES = {
    {"7", "7"},
    {" 7 ", "7"},
    {"7.", "7"},
    {"7/10", "7"},
    {"7 / 10", "7"},
    {"7 out of 10", "7"},
    {"saba kati ya kumi", "7"},
    {"7 sur 10", "7"},
    {"seven", "7"},
    {"Seven!", "7"},
    {"saba", "7"},
    {"SABA", "7"},
    {"sept", "7"},
    {"٧", "7"},
    {"७", "7"},
    {"१०", "10"},
    {"７", "7"},
    {"0", "0"},
    {"sifuri", "0"},
    {"zéro", "0"},
    {"10", "10"},
    {"ten", "10"},
    {"kumi", "10"},
    {"dix", "10"},
    {"7.0", "7"},
    {"tap:rate.value:7", "7"},
    {"11", INVALID},
    {"-1", INVALID},
    {"7/5", INVALID},
    {"7/", INVALID},
    {"abc", INVALID},
    {"", INVALID},
    {"   ", INVALID},
    {"seventy", INVALID},
    {"99999999999999999999", INVALID},
    {"tap:rate.value:11", INVALID},
    {"7.5", WHOLE},
    {"7,5", WHOLE},
  };

  private static final Map<String, Map<String, String>> REPROMPTS =
      Map.of(
          "en",
          Map.of(
              INVALID, "Please send a number from 0 to 10.",
              WHOLE, "Please send a whole number from 0 to 10."),
          "sw",
          Map.of(
              INVALID, "Tafadhali tuma namba kuanzia 0 hadi 10.",
              WHOLE, "Tafadhali tuma namba kamili kuanzia 0 hadi 10."),
          "fr",
          Map.of(
              INVALID, "Merci d'envoyer un nombre de 0 à 10.",
              WHOLE, "Merci d'envoyer un nombre entier de 0 à 10."));

  static Stream<Arguments> table() {
    List<Arguments> rows = new ArrayList<>();
    for (String language : List.of("en", "sw", "fr")) {
      for (String[] c : CASES) {
        String expected = REPROMPTS.get(language).getOrDefault(c[1], c[1]);
        rows.add(Arguments.of(language, c[0], expected));
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "[{0}] \"{1}\" -> {2}")
  @MethodSource("table")
  void ratingIsSavedOrRepromptedWithTheRange(String language, String typed, String expected) {
    Chat chat = Chat.fixture("rate", language);
    chat.send(typed.startsWith("tap:") ? Input.tap(typed.substring(4)) : Input.text(typed));

    if (expected.matches("\\d+")) {
      assertThat(chat.state.answers()).containsEntry("value", expected);
      assertThat(chat.events(Event.FlowCompleted.class)).hasSize(1);
    } else {
      assertThat(chat.state.answers()).isEmpty();
      assertThat(chat.state.attempts()).isEqualTo(1);
      assertThat(chat.lastMessage().text()).isEqualTo(expected);
      assertThat(chat.lastMessage().buttons()).hasSize(11);
    }
  }
}
