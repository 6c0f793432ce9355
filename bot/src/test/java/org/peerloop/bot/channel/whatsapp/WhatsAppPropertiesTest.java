package org.peerloop.bot.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peerloop.bot.config.InvalidConfigurationException;

/** WhatsApp's settings: checked at start, and the template each message gets. */
class WhatsAppPropertiesTest {

  private static final String CHECKIN_SW = "HX" + "a".repeat(32);
  private static final String CHECKIN_EN = "HX" + "b".repeat(32);
  private static final String GENERIC_EN = "HX" + "c".repeat(32);

  private static WhatsAppProperties with(Map<String, Map<String, String>> templates) {
    return new WhatsAppProperties(templates, Map.of(), 10_485_760, List.of("audio/ogg"), 2);
  }

  @Test
  void aTemplateIsLookedUpInTheLanguageThenEnglishThenTheGenericOne() {
    WhatsAppProperties p =
        with(
            Map.of(
                "checkin",
                Map.of("sw", CHECKIN_SW, "en", CHECKIN_EN),
                "generic",
                Map.of("en", GENERIC_EN)));
    assertThat(p.template("checkin", "sw"))
        .isEqualTo(new WhatsAppProperties.Template(CHECKIN_SW, "checkin"));
    assertThat(p.template("checkin", "fr"))
        .isEqualTo(new WhatsAppProperties.Template(CHECKIN_EN, "checkin"));
    assertThat(p.template("summary", "sw"))
        .isEqualTo(new WhatsAppProperties.Template(GENERIC_EN, "generic"));
    assertThat(with(Map.of()).template("checkin", "en")).isNull();
  }

  @Test
  void settingsThatCannotWorkStopTheStartWithEveryProblemNamed() {
    assertThatThrownBy(
            () ->
                new WhatsAppProperties(
                    Map.of("checkin", Map.of("en", "not-a-sid")),
                    Map.of("4", CHECKIN_EN, "2", "HX12"),
                    100L * 1024 * 1024,
                    List.of(),
                    0))
        .isInstanceOf(InvalidConfigurationException.class)
        .satisfies(
            e ->
                assertThat(((InvalidConfigurationException) e).problems())
                    .hasSize(5)
                    .anyMatch(x -> x.contains("templates.checkin.en"))
                    .anyMatch(x -> x.contains("quick-reply.4"))
                    .anyMatch(x -> x.contains("quick-reply.2"))
                    .anyMatch(x -> x.contains("media-max-bytes"))
                    .anyMatch(x -> x.contains("media-per-second")));
  }

  @Test
  void fileKindsAreComparedWithoutTheirParameters() {
    WhatsAppProperties p = with(Map.of());
    assertThat(p.keeps("audio/ogg; codecs=opus")).isTrue();
    assertThat(p.keeps("application/zip")).isFalse();
    assertThat(p.keeps(null)).isFalse();
  }
}
