package org.peerloop.bot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigurationCheckTest {

  private static final String URL = "https://bot.example.org";

  private static void check(
      String mongo,
      String admin,
      String publicUrl,
      PeerLoopProperties.Telegram telegram,
      PeerLoopProperties.Twilio twilio) {
    ConfigurationCheck.requireValid(
        mongo,
        Path.of("data"),
        admin,
        publicUrl,
        new PeerLoopProperties.Store(false, 0, 1000, "peerloop"),
        telegram,
        twilio);
  }

  private static PeerLoopProperties.Telegram telegram(String token, String mode, String secret) {
    return new PeerLoopProperties.Telegram(token, "https://api.telegram.org", mode, secret);
  }

  private static PeerLoopProperties.Twilio twilio(String sid, String token, String from) {
    return new PeerLoopProperties.Twilio(sid, token, from, "https://api.twilio.com");
  }

  @Test
  void nothingConfiguredIsValid() {
    check("", "", "", telegram("", "polling", ""), twilio("", "", ""));
  }

  @Test
  void fullyConfiguredChannelsAreValid() {
    check(
        "mongodb://db/peerloop",
        "a-long-admin-token-123",
        URL,
        telegram("123:abc", "webhook", "s3cret_value"),
        twilio("AC123", "tok", "whatsapp:+14155550100"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "sid only                 | AC1 |     |                       | PEERLOOP_TWILIO_AUTH_TOKEN is missing (PEERLOOP_TWILIO_ACCOUNT_SID is set)",
        "sid only, from missing   | AC1 |     |                       | PEERLOOP_TWILIO_FROM is missing (PEERLOOP_TWILIO_ACCOUNT_SID is set)",
        "token only               |     | tok |                       | PEERLOOP_TWILIO_ACCOUNT_SID is missing (PEERLOOP_TWILIO_AUTH_TOKEN is set)",
        "from not whatsapp        | AC1 | tok | +14155550100          | PEERLOOP_TWILIO_FROM must look like whatsapp:+14155550100",
      })
  void halfAWhatsAppSetupNamesTheMissingVariable(
      String name, String sid, String token, String from, String expected) {
    assertThatThrownBy(
            () -> check("", "", URL, telegram("", "polling", ""), twilio(sid, token, from)))
        .isInstanceOfSatisfying(
            InvalidConfigurationException.class, e -> assertThat(e.problems()).contains(expected));
  }

  @Test
  void whatsAppNeedsThePublicUrlItsSignaturesAreComputedOver() {
    assertThatThrownBy(
            () ->
                check(
                    "",
                    "",
                    "",
                    telegram("", "polling", ""),
                    twilio("AC1", "tok", "whatsapp:+14155550100")))
        .hasMessageContaining("PEERLOOP_PUBLIC_URL is missing");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "webhook without secret | 1:a | webhook |      | "
            + URL
            + " | PEERLOOP_TELEGRAM_WEBHOOK_SECRET is missing (PEERLOOP_TELEGRAM_MODE is webhook)",
        "webhook without url    | 1:a | webhook | s_1  |     | PEERLOOP_PUBLIC_URL is missing (PEERLOOP_TELEGRAM_MODE is webhook)",
        "secret without token   |     | polling | s_1  |     | PEERLOOP_TELEGRAM_TOKEN is missing (PEERLOOP_TELEGRAM_WEBHOOK_SECRET is set)",
        "unknown mode           | 1:a | push    |      |     | PEERLOOP_TELEGRAM_MODE must be polling or webhook, not 'push'",
        "bad secret characters  | 1:a | polling | a b  |     | PEERLOOP_TELEGRAM_WEBHOOK_SECRET may hold only A-Z, a-z, 0-9, _ and - (1 to 256)",
      })
  void halfATelegramSetupNamesTheMissingVariable(
      String name, String token, String mode, String secret, String url, String expected) {
    assertThatThrownBy(() -> check("", "", url, telegram(token, mode, secret), twilio("", "", "")))
        .isInstanceOfSatisfying(
            InvalidConfigurationException.class, e -> assertThat(e.problems()).contains(expected));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "postgres://db      |       |                  | PEERLOOP_MONGODB_URI must start with mongodb:// or mongodb+srv://",
        "                   | short |                  | PEERLOOP_ADMIN_TOKEN is too short: use at least 16 characters",
        "                   |       | ftp://example.org| PEERLOOP_PUBLIC_URL must be an absolute http(s) URL, e.g. https://bot.example.org",
      })
  void generalSettingsAreChecked(String mongo, String admin, String url, String expected) {
    assertThatThrownBy(
            () -> check(mongo, admin, url, telegram("", "polling", ""), twilio("", "", "")))
        .hasMessageContaining(expected);
  }
}
