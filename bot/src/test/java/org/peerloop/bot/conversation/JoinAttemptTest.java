package org.peerloop.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peerloop.content.engine.Input;

class JoinAttemptTest {

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(
      nullValues = "-",
      value = {
        "/start DEMO0000,          DEMO0000",
        "/start@PeerLoopBot ABC23, ABC23",
        "/join abcd2345,           abcd2345",
        "join ABCD2345,            ABCD2345",
        "JOIN  ABCD2345 ,          ABCD2345",
        "/start,                   -",
        "/help DEMO0000,           -",
        "joined the call today,    -",
        "hello,                    -",
      })
  void recognisesAnOfferedCode(String text, String code) {
    assertThat(JoinAttempt.code(new Input.Text(text)).orElse(null)).isEqualTo(code);
  }
}
