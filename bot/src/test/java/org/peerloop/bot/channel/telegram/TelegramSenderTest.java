package org.peerloop.bot.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerloop.bot.outbox.OutboundMessage;
import org.peerloop.bot.outbox.Priority;
import org.peerloop.bot.outbox.Recipient;
import org.peerloop.bot.outbox.SendResult;
import org.peerloop.content.engine.Button;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;

/** Outbound messages → the Bot API requests they become, and Telegram's answers → results. */
class TelegramSenderTest {

  private static final String TOKEN = "42:SENDER";
  private FakeBotApi fake;
  private TelegramSender sender;
  private OpenKeyboards keyboards;

  @BeforeEach
  void start() throws Exception {
    fake = FakeBotApi.start(TOKEN);
    keyboards = new OpenKeyboards();
    sender =
        new TelegramSender(
            new OkHttpTelegramClient(
                new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5)).build(),
                TOKEN,
                new TelegramUrl("http", "127.0.0.1", fake.port(), false)),
            keyboards,
            new GroupMigrations());
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private static OutboundMessage message(String chat, String text, List<Button> buttons) {
    return new OutboundMessage(
        "m-" + chat + "-" + text.hashCode(),
        new Recipient("telegram:" + chat, "telegram", chat),
        text,
        buttons,
        Priority.INTERACTIVE,
        null,
        Instant.EPOCH);
  }

  private static List<Button> scale() {
    List<Button> b = new ArrayList<>();
    for (int i = 0; i <= 10; i++) {
      b.add(new Button(String.valueOf(i), "checkin.progress:" + i));
    }
    b.add(new Button("Skip", "checkin.progress:!skip"));
    return b;
  }

  static Stream<Arguments> requests() {
    return Stream.of(
        Arguments.of(
            "plain text, no parse mode",
            message("42", "Hi *there* <b>", List.of()),
            List.of("{\"chat_id\":\"42\",\"text\":\"Hi *there* <b>\"}")),
        Arguments.of(
            "two choices on one row",
            message(
                "42",
                "OK?",
                List.of(
                    new Button("Yes", "consent.agree:yes"), new Button("No", "consent.agree:no"))),
            List.of(
                "{\"chat_id\":\"42\",\"text\":\"OK?\",\"reply_markup\":{\"inline_keyboard\":"
                    + "[[{\"text\":\"Yes\",\"callback_data\":\"consent.agree:yes\"},"
                    + "{\"text\":\"No\",\"callback_data\":\"consent.agree:no\"}]]}}")),
        Arguments.of(
            "0–10 as two compact rows, a long label on its own",
            message("42", "How far?", scale()),
            List.of(
                "{\"chat_id\":\"42\",\"text\":\"How far?\",\"reply_markup\":{\"inline_keyboard\":["
                    + row(0, 5)
                    + ","
                    + row(6, 10)
                    + ",[{\"text\":\"Skip\",\"callback_data\":\"checkin.progress:!skip\"}]]}}")),
        Arguments.of(
            "a group chat id",
            message("-1001234", "Hello group", List.of()),
            List.of("{\"chat_id\":\"-1001234\",\"text\":\"Hello group\"}")));
  }

  private static String row(int from, int to) {
    StringBuilder s = new StringBuilder("[");
    for (int i = from; i <= to; i++) {
      s.append(i == from ? "" : ",")
          .append("{\"text\":\"")
          .append(i)
          .append("\",\"callback_data\":\"checkin.progress:")
          .append(i)
          .append("\"}");
    }
    return s.append("]").toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void becomesTheseRequests(String name, OutboundMessage m, List<String> expected) {
    assertThat(sender.send(m)).isInstanceOf(SendResult.Sent.class);
    assertThat(fake.calls("sendMessage"))
        // The library also repeats the method name in the body; that part is not ours.
        .extracting(c -> c.params().deepCopy().without("method").toString())
        .containsExactlyElementsOf(expected);
  }

  @Test
  void aLongTextGoesInPartsWithTheButtonsOnTheLast() {
    String text = "a".repeat(3000) + "\n\n" + "b".repeat(3000);
    SendResult r = sender.send(message("42", text, List.of(new Button("Yes", "x.y:yes"))));
    assertThat(r).isEqualTo(new SendResult.Sent("2"));
    List<FakeBotApi.Sent> sent = fake.sentTo(42);
    assertThat(sent)
        .extracting(FakeBotApi.Sent::text)
        .containsExactly("a".repeat(3000), "b".repeat(3000));
    assertThat(sent.get(0).replyMarkup()).isNull();
    assertThat(sent.get(1).replyMarkup()).contains("x.y:yes");
    assertThat(keyboards.take(42)).isEqualTo(2);
  }

  @Test
  void aRetryAfterAPartialSendSendsOnlyTheRest() {
    String text = "a".repeat(3000) + "\n\n" + "b".repeat(3000);
    OutboundMessage m = message("42", text, List.of());
    fake.failAfter("sendMessage", 1, 502, "Bad Gateway");

    assertThat(sender.send(m)).isInstanceOf(SendResult.RetryLater.class);
    assertThat(sender.send(m)).isInstanceOf(SendResult.Sent.class);

    assertThat(fake.sentTo(42))
        .extracting(FakeBotApi.Sent::text)
        .containsExactly("a".repeat(3000), "b".repeat(3000));
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(
            429, "Too Many Requests: retry after 7", 7, "RetryLater", Duration.ofSeconds(7)),
        Arguments.of(500, "Internal Server Error", null, "RetryLater", Duration.ZERO),
        Arguments.of(502, "Bad Gateway", null, "RetryLater", Duration.ZERO),
        Arguments.of(403, "Forbidden: bot was blocked by the user", null, "RecipientGone", null),
        Arguments.of(403, "Forbidden: user is deactivated", null, "RecipientGone", null),
        Arguments.of(
            403, "Forbidden: bot was kicked from the group chat", null, "RecipientGone", null),
        Arguments.of(400, "Bad Request: chat not found", null, "RecipientGone", null),
        Arguments.of(400, "Bad Request: message is too long", null, "Failed", null),
        Arguments.of(401, "Unauthorized", null, "RetryLater", Duration.ZERO));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("refusals")
  void telegramsAnswersBecomeOutboxResults(
      int code, String description, Integer retryAfter, String kind, Duration after) {
    fake.failNext("sendMessage", 1, code, description, retryAfter);
    SendResult r = sender.send(message("42", "hello", List.of()));
    assertThat(r.getClass().getSimpleName()).isEqualTo(kind);
    if (r instanceof SendResult.RetryLater later) {
      assertThat(later.after()).isEqualTo(after);
    }
    if (r instanceof SendResult.Failed failed) {
      assertThat(failed.reason()).contains(description);
    }
  }

  @Test
  void telegramUnreachableIsRetriedLater() {
    fake.close();
    SendResult r = sender.send(message("42", "hello", List.of()));
    assertThat(r).isInstanceOf(SendResult.RetryLater.class);
    assertThat(((SendResult.RetryLater) r).reason()).startsWith("network:");
  }

  @Test
  void aGroupThatBecameASupergroupIsFollowed() {
    fake.migrateGroup(-4001, -1_000_000_004_001L);
    SendResult r = sender.send(message("-4001", "to the group", List.of()));
    assertThat(r).isInstanceOf(SendResult.Sent.class);
    assertThat(fake.sentTo(-1_000_000_004_001L))
        .extracting(FakeBotApi.Sent::text)
        .containsExactly("to the group");
    sender.send(message("-4001", "and again", List.of()));
    assertThat(fake.sentTo(-1_000_000_004_001L)).hasSize(2);
  }
}
