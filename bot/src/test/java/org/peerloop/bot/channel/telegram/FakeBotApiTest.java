package org.peerloop.bot.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.DeleteMyCommands;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updates.GetWebhookInfo;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageReplyMarkup;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * The fake is only worth having if the real client cannot tell it from Telegram, so everything that
 * the library can send goes through the library; raw HTTP covers what it never sends.
 */
class FakeBotApiTest {

  private static final String TOKEN = "123456789:TEST-token_abc";
  private static final OkHttpClient OK_HTTP =
      new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(40)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private FakeBotApi fake;
  private OkHttpTelegramClient client;

  @BeforeEach
  void start() throws Exception {
    fake = FakeBotApi.start(TOKEN);
    client = clientWithToken(TOKEN);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @AfterAll
  static void stopOkHttp() {
    OK_HTTP.dispatcher().executorService().shutdown();
    OK_HTTP.connectionPool().evictAll();
  }

  private OkHttpTelegramClient clientWithToken(String token) {
    return new OkHttpTelegramClient(
        OK_HTTP, token, new TelegramUrl("http", "127.0.0.1", fake.port(), false));
  }

  private static InlineKeyboardMarkup yesNo() {
    return new InlineKeyboardMarkup(
        List.of(
            new InlineKeyboardRow(
                InlineKeyboardButton.builder().text("Yes").callbackData("yes").build(),
                InlineKeyboardButton.builder().text("No").callbackData("no").build())));
  }

  private Message send(long chatId, String text) throws Exception {
    return client.execute(SendMessage.builder().chatId(chatId).text(text).build());
  }

  private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.url() + path));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return http.send(
        request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  // ---------------------------------------------------------------- sends

  @Test
  void sendMessageAnswersAMessageTheLibraryParses() throws Exception {
    Message first =
        client.execute(SendMessage.builder().chatId(42L).text("hi").replyMarkup(yesNo()).build());
    Message second = send(42, "again");
    Message elsewhere = send(-77, "to a group");

    assertThat(first.getMessageId()).isEqualTo(1);
    assertThat(first.getText()).isEqualTo("hi");
    assertThat(first.getChatId()).isEqualTo(42L);
    assertThat(first.getChat().isUserChat()).isTrue();
    assertThat(first.getFrom().getUserName()).isEqualTo(FakeBotApi.BOT_USERNAME);
    assertThat(first.getReplyMarkup().getKeyboard().get(0).get(1).getCallbackData())
        .isEqualTo("no");
    assertThat(second.getMessageId()).isEqualTo(2);
    assertThat(elsewhere.getMessageId()).isEqualTo(1);
    assertThat(elsewhere.getChat().isGroupChat()).isTrue();

    List<FakeBotApi.Sent> toUser = fake.sentTo(42);
    assertThat(toUser).extracting(FakeBotApi.Sent::text).containsExactly("hi", "again");
    assertThat(toUser.get(0).method()).isEqualTo("sendMessage");
    assertThat(JSON.readTree(toUser.get(0).replyMarkup()).at("/inline_keyboard/0/0/text").asText())
        .isEqualTo("Yes");
    assertThat(toUser.get(1).replyMarkup()).isNull();
    // The library sends chat_id as a JSON string, not a number.
    FakeBotApi.Call call = fake.calls("SENDMESSAGE").get(0);
    assertThat(call.params().get("chat_id").isTextual()).isTrue();
    assertThat(call.status()).isEqualTo(200);
  }

  @Test
  void sendDocumentArrivesAsMultipartWithTheFile() throws Exception {
    byte[] content = "line 1\nline 2\n".getBytes(StandardCharsets.UTF_8);
    Message message =
        client.execute(
            SendDocument.builder()
                .chatId(42L)
                .document(new InputFile(new ByteArrayInputStream(content), "report \"é\".txt"))
                .caption("your report ✓")
                .replyMarkup(yesNo())
                .build());

    assertThat(message.getMessageId()).isEqualTo(1);
    assertThat(message.getCaption()).isEqualTo("your report ✓");
    assertThat(message.getDocument().getFileId()).isNotBlank();
    assertThat(message.getDocument().getFileName()).isEqualTo("report \"é\".txt");
    JsonNode params = fake.calls("sendDocument").get(0).params();
    assertThat(params.get("chat_id").asText()).isEqualTo("42");
    assertThat(params.at("/document/filename").asText()).isEqualTo("report \"é\".txt");
    assertThat(params.at("/document/size").asInt()).isEqualTo(content.length);
    assertThat(params.at("/document/contentType").asText()).isEqualTo("application/octet-stream");
    assertThat(params.get("caption").asText()).isEqualTo("your report ✓");
    assertThat(fake.sent().get(0).text()).isEqualTo("your report ✓");
    assertThat(fake.sent().get(0).replyMarkup()).contains("inline_keyboard");
  }

  @Test
  void sendPhotoByFileIdAnswersPhotoSizes() throws Exception {
    Message message =
        client.execute(
            SendPhoto.builder().chatId(5L).photo(new InputFile("AgAD-known-file")).build());

    assertThat(message.getPhoto()).hasSize(2);
    assertThat(message.getPhoto().get(0).getFileId()).startsWith("AgAD-known-file");
    assertThat(fake.sentTo(5)).extracting(FakeBotApi.Sent::method).containsExactly("sendPhoto");
  }

  @Test
  void manySendersGetDistinctMessageIdsPerChat() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Message>> futures = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        long chat = 1 + i % 4;
        String text = "m" + i;
        futures.add(pool.submit(() -> send(chat, text)));
      }
      for (Future<Message> f : futures) {
        f.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdown();
    }

    assertThat(fake.sent()).hasSize(200);
    assertThat(fake.duplicates()).isZero();
    for (long chat = 1; chat <= 4; chat++) {
      Set<Integer> ids = new HashSet<>();
      fake.sentTo(chat).forEach(s -> ids.add(s.messageId()));
      assertThat(ids).hasSize(50).allMatch(id -> id >= 1 && id <= 50);
    }
  }

  @Test
  void aRoundTripTakesAboutAMillisecondNotADelayedAck() throws Exception {
    send(1, "warm-up");
    long started = System.nanoTime();
    for (int i = 0; i < 50; i++) {
      send(1, "m" + i);
    }

    // With Nagle's algorithm on the server each answer waits ~40 ms for the client's ACK.
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(1000);
  }

  @Test
  void repeatedTextToTheSameChatIsADuplicate() throws Exception {
    send(9, "same");
    send(9, "same");
    send(10, "same");
    send(9, "other");

    assertThat(fake.duplicates()).isEqualTo(1);
    assertThat(fake.sent()).hasSize(4);
  }

  // ---------------------------------------------------------------- updates

  @Test
  void getUpdatesReturnsPendingUpdatesUntilAnOffsetConfirmsThem() throws Exception {
    fake.enqueue(fake.textUpdate(1, 42, 42, "/start now"));
    fake.enqueue(fake.callbackUpdate(2, 42, 42, 7, "consent.agree:yes"));
    fake.enqueue(fake.groupTextUpdate(3, -500, 42, "hello group").toString());

    List<Update> all = client.execute(GetUpdates.builder().build());
    List<Update> again = client.execute(GetUpdates.builder().offset(0).limit(2).build());

    assertThat(all).extracting(Update::getUpdateId).containsExactly(1, 2, 3);
    assertThat(again).extracting(Update::getUpdateId).containsExactly(1, 2);
    Message command = all.get(0).getMessage();
    // Library quirk: isCommand() reads entity texts that only getEntities() fills in, so it is
    // false until getEntities() has been called once.
    assertThat(command.getEntities().get(0).getText()).isEqualTo("/start");
    assertThat(command.isCommand()).isTrue();
    assertThat(command.getFrom().getLanguageCode()).isEqualTo("en");
    assertThat(command.getChat().isUserChat()).isTrue();
    assertThat(all.get(1).getCallbackQuery().getData()).isEqualTo("consent.agree:yes");
    assertThat(all.get(1).getCallbackQuery().getFrom().getId()).isEqualTo(42L);
    assertThat(all.get(1).getCallbackQuery().getMessage().getMessageId()).isEqualTo(7);
    assertThat(all.get(2).getMessage().getChat().isGroupChat()).isTrue();
    assertThat(all.get(2).getMessage().getChat().getTitle()).isNotBlank();
    assertThat(all.get(2).getMessage().isCommand()).isFalse();

    List<Update> rest = client.execute(GetUpdates.builder().offset(3).build());
    assertThat(rest).extracting(Update::getUpdateId).containsExactly(3);
    assertThat(fake.confirmedBelow()).isEqualTo(3);
    assertThat(fake.pending()).isEqualTo(1);

    assertThat(client.execute(GetUpdates.builder().offset(4).build())).isEmpty();
    // An offset only moves forward: the confirmed updates are gone for good.
    assertThat(client.execute(GetUpdates.builder().offset(1).build())).isEmpty();
    assertThat(fake.confirmedBelow()).isEqualTo(4);
    assertThat(fake.pending()).isZero();
    assertThatThrownBy(() -> fake.enqueue(fake.textUpdate(2, 1, 1, "late")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLongPollReturnsAsSoonAsAnUpdateArrives() throws Exception {
    long started = System.nanoTime();
    CompletableFuture<ArrayList<Update>> poll =
        client.executeAsync(GetUpdates.builder().offset(1).timeout(2).build());
    Thread.sleep(200);
    assertThat(poll).isNotDone();
    fake.enqueue(fake.textUpdate(1, 42, 42, "hello"));

    List<Update> updates = poll.get(5, TimeUnit.SECONDS);
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertThat(updates).extracting(Update::getUpdateId).containsExactly(1);
    assertThat(elapsedMillis).isLessThan(1500);
  }

  @Test
  void anEmptyLongPollWaitsItsTimeout() throws Exception {
    long started = System.nanoTime();
    List<Update> updates = client.execute(GetUpdates.builder().timeout(1).build());

    assertThat(updates).isEmpty();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(900L, 3000L);
  }

  @Test
  void closeReleasesAWaitingLongPoll() throws Exception {
    CompletableFuture<ArrayList<Update>> poll =
        client.executeAsync(GetUpdates.builder().timeout(30).build());
    Thread.sleep(200);

    fake.close();

    // An empty result or a dropped connection: either way the poller is not held for 30 s.
    poll.handle((updates, failure) -> null).get(3, TimeUnit.SECONDS);
  }

  // ---------------------------------------------------------------- other methods

  @Test
  void callbackAnswersMarkupEditsCommandsAndGetMeParse() throws Exception {
    Boolean answered =
        client.execute(AnswerCallbackQuery.builder().callbackQueryId("cq-1").text("Noted").build());
    Serializable edited =
        client.execute(
            EditMessageReplyMarkup.builder().chatId(42L).messageId(1).replyMarkup(yesNo()).build());
    Boolean commands =
        client.execute(
            SetMyCommands.builder().commands(List.of(new BotCommand("start", "Start"))).build());
    Boolean deleted = client.execute(DeleteMyCommands.builder().build());
    User me = client.execute(new GetMe());

    assertThat(answered).isTrue();
    assertThat(edited).isEqualTo(Boolean.TRUE);
    assertThat(commands).isTrue();
    assertThat(deleted).isTrue();
    assertThat(me.getId()).isEqualTo(123456789L);
    assertThat(me.getIsBot()).isTrue();
    assertThat(me.getUserName()).isEqualTo("PeerLoopTestBot");
    assertThat(me.getCanJoinGroups()).isTrue();
    assertThat(fake.calls("setMyCommands").get(0).params().at("/commands/0/command").asText())
        .isEqualTo("start");
    assertThat(fake.calls("answerCallbackQuery").get(0).params().get("callback_query_id").asText())
        .isEqualTo("cq-1");
  }

  @Test
  void setWebhookIsMultipartAndBlocksGetUpdatesUntilDeleted() throws Exception {
    assertThat(
            client.execute(
                SetWebhook.builder().url("https://example.org/hook").secretToken("s3").build()))
        .isTrue();

    assertThat(client.execute(new GetWebhookInfo()).getUrl()).isEqualTo("https://example.org/hook");
    JsonNode params = fake.calls("setWebhook").get(0).params();
    assertThat(params.get("url").asText()).isEqualTo("https://example.org/hook");
    assertThat(params.get("secret_token").asText()).isEqualTo("s3");
    TelegramApiRequestException conflict =
        catchThrowableOfType(
            () -> client.execute(GetUpdates.builder().build()), TelegramApiRequestException.class);
    assertThat(conflict.getErrorCode()).isEqualTo(409);

    assertThat(client.execute(DeleteWebhook.builder().build())).isTrue();
    assertThat(client.execute(new GetWebhookInfo()).getUrl()).isEmpty();
    assertThat(client.execute(GetUpdates.builder().build())).isEmpty();
  }

  // ---------------------------------------------------------------- failures

  @Test
  void aScripted429CarriesRetryAfterThenTheMethodWorksAgain() throws Exception {
    fake.failNext("SendMessage", 1, 429, "Too Many Requests: retry after 3", 3);

    TelegramApiRequestException e =
        catchThrowableOfType(() -> send(42, "first"), TelegramApiRequestException.class);

    assertThat(e.getErrorCode()).isEqualTo(429);
    assertThat(e.getParameters().getRetryAfter()).isEqualTo(3);
    assertThat(e.getApiResponse()).isEqualTo("Too Many Requests: retry after 3");
    assertThat(send(42, "first").getMessageId()).isEqualTo(1);
    assertThat(fake.scriptedFailures()).isEqualTo(1);
    assertThat(fake.tooManyRequests()).isZero();
    assertThat(fake.calls("sendMessage"))
        .extracting(FakeBotApi.Call::status)
        .containsExactly(429, 200);
  }

  @Test
  void aBlockedChatFailsEverySendUntilCleared() throws Exception {
    fake.failChat(13, 403, "Forbidden: bot was blocked by the user");

    for (int i = 0; i < 2; i++) {
      TelegramApiRequestException e =
          catchThrowableOfType(() -> send(13, "hello"), TelegramApiRequestException.class);
      assertThat(e.getErrorCode()).isEqualTo(403);
      assertThat(e.getApiResponse()).isEqualTo("Forbidden: bot was blocked by the user");
    }
    assertThat(send(14, "hello").getMessageId()).isEqualTo(1);
    assertThat(fake.sentTo(13)).isEmpty();

    fake.clearFailures();
    assertThat(send(13, "hello").getMessageId()).isEqualTo(1);
  }

  @Test
  void aMigratedGroupNamesItsSupergroup() throws Exception {
    fake.migrateGroup(-100, -1001234567890L);

    TelegramApiRequestException e =
        catchThrowableOfType(() -> send(-100, "hello"), TelegramApiRequestException.class);

    assertThat(e.getErrorCode()).isEqualTo(400);
    assertThat(e.getParameters().getMigrateToChatId()).isEqualTo(-1001234567890L);
    Message moved = send(-1001234567890L, "hello");
    assertThat(moved.getChat().isSuperGroupChat()).isTrue();
  }

  @Test
  void rateLimitsAnswer429WithTheWaitAndCountThem() throws Exception {
    fake.limits(2, 1, 0);

    send(1, "a");
    TelegramApiRequestException perChat =
        catchThrowableOfType(() -> send(1, "b"), TelegramApiRequestException.class);
    send(3, "c");
    TelegramApiRequestException overall =
        catchThrowableOfType(() -> send(2, "d"), TelegramApiRequestException.class);

    assertThat(perChat.getErrorCode()).isEqualTo(429);
    assertThat(perChat.getParameters().getRetryAfter()).isEqualTo(1);
    assertThat(perChat.getApiResponse()).isEqualTo("Too Many Requests: retry after 1");
    assertThat(overall.getErrorCode()).isEqualTo(429);
    assertThat(fake.tooManyRequests()).isEqualTo(2);
    assertThat(fake.sent()).extracting(FakeBotApi.Sent::text).containsExactly("a", "c");

    fake.limits(0, 0, 2);
    send(-5, "e");
    send(-5, "f");
    TelegramApiRequestException perGroup =
        catchThrowableOfType(() -> send(-5, "g"), TelegramApiRequestException.class);
    assertThat(perGroup.getParameters().getRetryAfter()).isBetween(59, 60);
    assertThat(fake.tooManyRequests()).isEqualTo(3);
    assertThat(fake.scriptedFailures()).isZero();
  }

  @Test
  void aPrivateChatMayBeSentToAgainAfterItsInterval() throws Exception {
    fake.limits(0, 10, 0); // one per 90 ms

    send(1, "a");
    Thread.sleep(120);
    send(1, "b");

    assertThat(fake.tooManyRequests()).isZero();
  }

  @Test
  void aWrongTokenIsUnauthorized() throws Exception {
    TelegramApiRequestException e =
        catchThrowableOfType(
            () ->
                clientWithToken("1:wrong")
                    .execute(SendMessage.builder().chatId(1L).text("x").build()),
            TelegramApiRequestException.class);

    assertThat(e.getErrorCode()).isEqualTo(401);
    assertThat(e.getApiResponse()).isEqualTo("Unauthorized");
    assertThat(fake.sent()).isEmpty();
    assertThat(fake.calls()).extracting(FakeBotApi.Call::status).containsExactly(401);
  }

  // ---------------------------------------------------------------- raw wire

  @Test
  void methodNamesMatchInAnyCaseAndFormsAndQueriesWork() throws Exception {
    HttpResponse<String> camel =
        post("/bot" + TOKEN + "/sendMessage", "application/json", "{\"chat_id\":7,\"text\":\"a\"}");
    HttpResponse<String> form =
        post(
            "/bot" + TOKEN + "/SENDMESSAGE",
            "application/x-www-form-urlencoded",
            "chat_id=7&text=b%20%C3%A9");
    HttpResponse<String> query = post("/bot" + TOKEN + "/sendmessage?chat_id=-7&text=c", null, "");

    assertThat(camel.statusCode()).isEqualTo(200);
    assertThat(camel.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(JSON.readTree(camel.body()).at("/result/message_id").asInt()).isEqualTo(1);
    assertThat(JSON.readTree(form.body()).at("/result/text").asText()).isEqualTo("b é");
    assertThat(JSON.readTree(form.body()).at("/result/message_id").asInt()).isEqualTo(2);
    assertThat(JSON.readTree(query.body()).at("/result/chat/type").asText()).isEqualTo("group");
    assertThat(fake.calls()).extracting(FakeBotApi.Call::method).containsOnly("sendMessage");
  }

  @Test
  void badRequestsGetTelegramErrorsAndTheServerKeepsServing() throws Exception {
    HttpResponse<String> unknown = post("/bot" + TOKEN + "/sendSticker", "application/json", "{}");
    HttpResponse<String> malformed =
        post("/bot" + TOKEN + "/sendMessage", "application/json", "{\"chat_id\":");
    HttpResponse<String> noText =
        post("/bot" + TOKEN + "/sendMessage", "application/json", "{\"chat_id\":1}");
    HttpResponse<String> noChat =
        post("/bot" + TOKEN + "/sendMessage", "application/json", "{\"text\":\"x\"}");
    HttpResponse<String> wrongToken = post("/bot1:nope/getMe", null, "");
    HttpResponse<String> noBot = post("/favicon.ico", null, "");

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()))
        .isEqualTo(
            JSON.readTree("{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}"));
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(malformed.body()).get("description").asText())
        .startsWith("Bad Request: ");
    assertThat(JSON.readTree(noText.body()).get("description").asText())
        .isEqualTo("Bad Request: message text is empty");
    assertThat(JSON.readTree(noChat.body()).get("description").asText())
        .isEqualTo("Bad Request: chat_id is empty");
    assertThat(wrongToken.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(wrongToken.body()))
        .isEqualTo(
            JSON.readTree("{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}"));
    assertThat(noBot.statusCode()).isEqualTo(404);
    assertThat(fake.sent()).isEmpty();
    assertThat(send(1, "still here").getMessageId()).isEqualTo(1);
  }
}
