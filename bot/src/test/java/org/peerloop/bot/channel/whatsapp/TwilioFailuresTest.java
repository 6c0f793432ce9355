package org.peerloop.bot.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerloop.bot.outbox.SendResult;

/** Twilio's refusals (HTTP status, error code) → what the outbox does. */
class TwilioFailuresTest {

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of(
            429,
            20429,
            "Too Many Requests",
            new SendResult.RetryLater(Duration.ZERO, "20429 Too Many Requests", true)),
        Arguments.of(
            400,
            63018,
            "Rate limit exceeded",
            new SendResult.RetryLater(Duration.ZERO, "63018 Rate limit exceeded", true)),
        Arguments.of(
            500,
            20500,
            "Internal Server Error",
            new SendResult.RetryLater(Duration.ZERO, "20500 Internal Server Error")),
        Arguments.of(
            503,
            null,
            "Service Unavailable",
            new SendResult.RetryLater(Duration.ZERO, "Service Unavailable")),
        Arguments.of(null, null, null, new SendResult.RetryLater(Duration.ZERO, "network")),
        Arguments.of(
            401,
            20003,
            "Authenticate",
            new SendResult.RetryLater(Duration.ZERO, "20003 Authenticate", true)),
        Arguments.of(
            400,
            21610,
            "Attempt to send to unsubscribed recipient",
            new SendResult.RecipientGone("21610 Attempt to send to unsubscribed recipient")),
        Arguments.of(
            400,
            63024,
            "Invalid message recipient",
            new SendResult.Failed("63024 Invalid message recipient")),
        Arguments.of(
            400,
            21211,
            "Invalid 'To' Phone Number",
            new SendResult.Failed("21211 Invalid 'To' Phone Number")),
        Arguments.of(
            400,
            21617,
            "The concatenated message body exceeds the 1600 character limit",
            new SendResult.Failed(
                "21617 The concatenated message body exceeds the 1600 character limit")),
        Arguments.of(
            400,
            21656,
            "The ContentVariables Parameter is invalid",
            new SendResult.Failed("21656 The ContentVariables Parameter is invalid")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("table")
  void maps(Integer status, Integer code, String message, SendResult expected) {
    assertThat(TwilioFailures.of(status, code, message)).isEqualTo(expected);
  }
}
