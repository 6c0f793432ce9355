package org.peerloop.bot.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.Mockito;
import org.peerloop.bot.groups.GroupLinks;
import org.peerloop.bot.outbox.Attachment;
import org.peerloop.bot.outbox.Attachments;
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
  private static final ObjectMapper JSON = new ObjectMapper();
  private FakeBotApi fake;
  private TelegramSender sender;
  private OpenKeyboards keyboards;
  // The store of group links is a narrow collaborator here: what the sender tells it is checked.
  private final GroupLinks groups = Mockito.mock(GroupLinks.class);

  @TempDir Path files;
  private Attachments attachments;

  @BeforeEach
  void start() throws Exception {
    fake = FakeBotApi.start(TOKEN);
    keyboards = new OpenKeyboards();
    attachments = Attachments.in(files);
    sender =
        new TelegramSender(
            new OkHttpTelegramClient(
                new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5)).build(),
                TOKEN,
                new TelegramUrl("http", "127.0.0.1", fake.port(), false)),
            keyboards,
            new GroupMigrations(groups),
            attachments,
            groups);
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

  // ---------------------------------------------------------------- attachments

  private static final String OCTETS = "\"contentType\":\"application/octet-stream\"";

  /** What the fake received from the library for a file: its name, size and content type. */
  private static String upload(String name, long size) {
    return "{\"filename\":\"" + name + "\",\"size\":" + size + "," + OCTETS + "}";
  }

  /** A message to chat 42 with a file of {@code size} bytes, stored as a feature would. */
  private OutboundMessage withFile(
      String text, String name, String mediaType, int size, List<Button> buttons) {
    Attachment a = attachments.put("telegram:42", name, mediaType, new byte[size]);
    OutboundMessage m = message("42", text, buttons);
    return new OutboundMessage(
        m.id(), m.to(), m.text(), m.buttons(), m.priority(), m.source(), m.createdAt(), a);
  }

  static Stream<Arguments> fileRequests() {
    String long2000 = "x".repeat(2000);
    String twoParts = "a".repeat(3000) + "\n\n" + "b".repeat(3000);
    return Stream.of(
        Arguments.of(
            "a JSON export as a document, the text its caption",
            "Everything we keep about you.",
            "peerloop-data.json",
            "application/json",
            2048,
            List.of(),
            false,
            List.of(
                "sendDocument {\"chat_id\":\"42\",\"caption\":\"Everything we keep about you.\","
                    + "\"document\":"
                    + upload("peerloop-data.json", 2048)
                    + "}")),
        Arguments.of(
            "a PNG chart as a photo",
            "Your month",
            "chart.png",
            "image/png",
            4096,
            List.of(),
            false,
            List.of(
                "sendPhoto {\"chat_id\":\"42\",\"caption\":\"Your month\",\"photo\":"
                    + upload("chart.png", 4096)
                    + "}")),
        Arguments.of(
            "a JPEG of exactly 10 MB is still a photo",
            "",
            "scan.jpg",
            "image/jpeg",
            10_000_000,
            List.of(),
            false,
            List.of(
                "sendPhoto {\"chat_id\":\"42\",\"photo\":" + upload("scan.jpg", 10_000_000) + "}")),
        Arguments.of(
            "a PNG over 10 MB goes as a document",
            "",
            "big.png",
            "image/png",
            10_000_001,
            List.of(),
            false,
            List.of(
                "sendDocument {\"chat_id\":\"42\",\"document\":"
                    + upload("big.png", 10_000_001)
                    + "}")),
        Arguments.of(
            "a spreadsheet with buttons: the keyboard rides on the document",
            "Summary attached. Useful?",
            "summary.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            100,
            List.of(new Button("Yes", "s.useful:yes")),
            false,
            List.of(
                "sendDocument {\"chat_id\":\"42\",\"caption\":\"Summary attached. Useful?\","
                    + "\"document\":"
                    + upload("summary.xlsx", 100)
                    + ",\"reply_markup\":\"{\\\"inline_keyboard\\\":[[{\\\"text\\\":\\\"Yes\\\","
                    + "\\\"callback_data\\\":\\\"s.useful:yes\\\"}]]}\"}")),
        Arguments.of(
            "a text over 1,024 characters goes first, then the document without a caption",
            long2000,
            "peerloop-data.json",
            "application/json",
            10,
            List.of(),
            false,
            List.of(
                "sendMessage {\"chat_id\":\"42\",\"text\":\"" + long2000 + "\"}",
                "sendDocument {\"chat_id\":\"42\",\"document\":"
                    + upload("peerloop-data.json", 10)
                    + "}")),
        Arguments.of(
            "a text over 4,096 characters is split as usual before the document",
            twoParts,
            "d.json",
            "application/json",
            10,
            List.of(),
            false,
            List.of(
                "sendMessage {\"chat_id\":\"42\",\"text\":\"" + "a".repeat(3000) + "\"}",
                "sendMessage {\"chat_id\":\"42\",\"text\":\"" + "b".repeat(3000) + "\"}",
                "sendDocument {\"chat_id\":\"42\",\"document\":" + upload("d.json", 10) + "}")),
        Arguments.of(
            "a text of exactly 1,024 characters is still the caption",
            "c".repeat(1024),
            "d.json",
            "application/json",
            10,
            List.of(),
            false,
            List.of(
                "sendDocument {\"chat_id\":\"42\",\"caption\":\""
                    + "c".repeat(1024)
                    + "\",\"document\":"
                    + upload("d.json", 10)
                    + "}")),
        Arguments.of(
            "a file erased before its message went: nothing is sent, the message fails",
            "x".repeat(2000),
            "gone.json",
            "application/json",
            10,
            List.of(),
            true,
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fileRequests")
  void aFileBecomesTheseRequests(
      String name,
      String text,
      String fileName,
      String mediaType,
      int size,
      List<Button> buttons,
      boolean erased,
      List<String> expected)
      throws Exception {
    OutboundMessage m = withFile(text, fileName, mediaType, size, buttons);
    if (erased) {
      attachments.deleteFor(m.to().contactId());
    }

    SendResult result = sender.send(m);

    List<String> got = sends();
    assertThat(got).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      String[] want = expected.get(i).split(" ", 2);
      String[] was = got.get(i).split(" ", 2);
      assertThat(was[0]).as("request %d", i).isEqualTo(want[0]);
      // Compared as JSON trees: the order of multipart fields is the library's.
      assertThat(JSON.readTree(was[1]))
          .as("request %d: %s", i, was[1])
          .isEqualTo(JSON.readTree(want[1]));
    }
    if (erased) {
      assertThat(result).isEqualTo(new SendResult.Failed(TelegramSender.FILE_GONE));
      return;
    }
    assertThat(result).isInstanceOf(SendResult.Sent.class);
    FakeBotApi.Sent file = fake.sentTo(42).get(fake.sentTo(42).size() - 1);
    assertThat(file.fileName()).isEqualTo(fileName);
    assertThat(file.fileSize()).isEqualTo(size);
    assertThat(file.text()).isEqualTo(text.length() <= 1024 && !text.isEmpty() ? text : null);
  }

  /**
   * The sends the fake got, as "method params". The library uploads a file as a part named after it
   * and points the method's field at that part ("attach://name"); the fake resolves the field, so
   * the part itself is left out here, as is the method name the library repeats.
   */
  private List<String> sends() {
    return fake.calls().stream()
        .filter(c -> !c.method().equals("editMessageReplyMarkup"))
        .map(
            c -> {
              // The library also sends an empty caption_entities with every file: not ours either.
              ObjectNode p = c.params().deepCopy().without(List.of("method", "caption_entities"));
              JsonNode upload = p.has("document") ? p.get("document") : p.get("photo");
              if (upload != null && upload.has("filename")) {
                p.remove(upload.get("filename").asText());
              }
              return c.method() + " " + p;
            })
        .toList();
  }

  @Test
  void aFailedDocumentIsRetriedAloneAfterItsTextWentOut() {
    OutboundMessage m = withFile("x".repeat(2000), "d.json", "application/json", 10, List.of());
    fake.failNext("sendDocument", 1, 502, "Bad Gateway", null);

    assertThat(sender.send(m)).isInstanceOf(SendResult.RetryLater.class);
    assertThat(sender.send(m)).isInstanceOf(SendResult.Sent.class);

    assertThat(fake.sentTo(42))
        .extracting(FakeBotApi.Sent::method)
        .containsExactly("sendMessage", "sendDocument");
  }

  @Test
  void aFileErasedBetweenTwoAttemptsFailsTheRetry() {
    OutboundMessage m = withFile("caption", "d.json", "application/json", 10, List.of());
    fake.failNext("sendDocument", 1, 429, "Too Many Requests: retry after 1", 1);
    assertThat(sender.send(m)).isInstanceOf(SendResult.RetryLater.class);

    attachments.deleteFor("telegram:42");

    assertThat(sender.send(m)).isEqualTo(new SendResult.Failed(TelegramSender.FILE_GONE));
    assertThat(fake.sentTo(42)).isEmpty();
  }

  @Test
  void aPhotoTelegramRefusesIsSentAsADocument() {
    OutboundMessage m = withFile("Your month", "chart.png", "image/png", 100, List.of());
    fake.failNext("sendPhoto", 1, 400, "Bad Request: PHOTO_INVALID_DIMENSIONS", null);

    SendResult r = sender.send(m);

    assertThat(r).isInstanceOf(SendResult.Sent.class);
    assertThat(fake.sentTo(42)).extracting(FakeBotApi.Sent::method).containsExactly("sendDocument");
    assertThat(fake.sentTo(42).get(0).text()).isEqualTo("Your month");
  }

  @Test
  void aRefusedDocumentMapsLikeAnyRefusal() {
    OutboundMessage m = withFile("hi", "d.json", "application/json", 10, List.of());
    fake.failNext("sendDocument", 1, 403, "Forbidden: bot was blocked by the user", null);

    assertThat(sender.send(m)).isInstanceOf(SendResult.RecipientGone.class);
  }
}
