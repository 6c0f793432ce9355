package org.peerloop.bot.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "from whatsapp:+254712345678 ok  | from whatsapp:***78 ok",
        "chat -1001234567890 linked      | chat ***90 linked",
        "user 123456789 started          | user ***89 started",
        "port 8080 took 1234 ms          | port 8080 took 1234 ms",
        "at 2026-11-24T18:30:00Z         | at 2026-11-24T18:30:00Z",
        "v1.2.3456789                    | v1.2.3456789",
      })
  void masksLongNumbersOnly(String in, String out) {
    assertThat(Redact.numbers(in)).isEqualTo(out);
  }
}
