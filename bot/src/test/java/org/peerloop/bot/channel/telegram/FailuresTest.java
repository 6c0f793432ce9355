package org.peerloop.bot.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerloop.bot.outbox.SendResult;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Bot API refusals → what the outbox does. {@code refused} matters to broadcasts: only a failure
 * that certainly sent nothing may be tried again for an at-most-once message.
 */
class FailuresTest {

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of(
            429,
            "Too Many Requests: retry after 3",
            3,
            new SendResult.RetryLater(
                Duration.ofSeconds(3), "429 Too Many Requests: retry after 3", true)),
        Arguments.of(
            502, "Bad Gateway", null, new SendResult.RetryLater(Duration.ZERO, "502 Bad Gateway")),
        Arguments.of(
            401,
            "Unauthorized",
            null,
            new SendResult.RetryLater(Duration.ZERO, "401 Unauthorized", true)),
        Arguments.of(
            403,
            "Forbidden: bot was blocked by the user",
            null,
            new SendResult.RecipientGone("403 Forbidden: bot was blocked by the user")),
        Arguments.of(
            400,
            "Bad Request: chat not found",
            null,
            new SendResult.RecipientGone("400 Bad Request: chat not found")),
        Arguments.of(
            400,
            "Bad Request: message is too long",
            null,
            new SendResult.Failed("400 Bad Request: message is too long")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("table")
  void maps(int code, String description, Integer retryAfter, SendResult expected) {
    assertThat(Failures.of(code, description, retryAfter)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void aRefusedConnectionSentNothingButATimeoutMayHave() {
    SendResult refused =
        Failures.of(new TelegramApiException("send", new ConnectException("Connection refused")));
    SendResult timeout =
        Failures.of(new TelegramApiException("send", new SocketTimeoutException("Read timed out")));

    assertThat(refused).isInstanceOf(SendResult.RetryLater.class);
    assertThat(((SendResult.RetryLater) refused).refused()).isTrue();
    assertThat(((SendResult.RetryLater) timeout).refused()).isFalse();
  }
}
