package org.peerloop.bot.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.security.RequestValidator;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake is only worth having if Twilio's own SDK cannot tell it from Twilio, so creates and
 * fetches go through the SDK (and {@link HostRewritingHttpClient}); raw HTTP covers media, which
 * the app fetches without the SDK.
 */
class FakeTwilioApiTest {

  private static final String ACCOUNT_SID = "AC" + "0123456789abcdef".repeat(2);
  private static final String TOKEN = "test-auth-token-0123456789abcdef";
  private static final PhoneNumber SENDER = new PhoneNumber("whatsapp:+15550000001");
  private static final PhoneNumber ADA = new PhoneNumber("whatsapp:+447700900001");
  private static final PhoneNumber BOB = new PhoneNumber("whatsapp:+447700900002");

  private FakeTwilioApi fake;
  private TwilioRestClient client;

  @BeforeEach
  void start() throws Exception {
    fake = FakeTwilioApi.start(ACCOUNT_SID, TOKEN);
    client = client(ACCOUNT_SID, TOKEN);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  /** A client whose 429s reach the caller at once, as a sender with its own backoff wants. */
  private TwilioRestClient withoutHttpRetries() {
    NetworkHttpClient network =
        new NetworkHttpClient(HttpClientBuilder.create().disableAutomaticRetries());
    return new TwilioRestClient.Builder(ACCOUNT_SID, TOKEN)
        .httpClient(new HostRewritingHttpClient(fake.url(), network))
        .build();
  }

  private TwilioRestClient client(String user, String password) {
    return new TwilioRestClient.Builder(user, password)
        .httpClient(new HostRewritingHttpClient(fake.url()))
        .build();
  }

  // ---------------------------------------------------------------- creates

  @Test
  void aCreateIsAnsweredWithTwiliosMessageResourceAndRecorded() {
    String body = "Hi Ada — your check-in is due 👋";
    Message message =
        Message.creator(ADA, SENDER, body)
            .setStatusCallback("https://peerloop.example/twilio/status")
            .create(client);

    assertThat(message.getSid()).matches("SM[0-9a-f]{32}");
    assertThat(message.getAccountSid()).isEqualTo(ACCOUNT_SID);
    assertThat(message.getTo()).isEqualTo(ADA.toString());
    assertThat(message.getFrom()).isEqualTo(SENDER);
    assertThat(message.getBody()).isEqualTo(body);
    assertThat(message.getStatus()).isEqualTo(Message.Status.QUEUED);
    assertThat(message.getDirection()).isEqualTo(Message.Direction.OUTBOUND_API);
    assertThat(message.getNumMedia()).isEqualTo("0");
    assertThat(message.getDateCreated()).isNotNull();
    assertThat(message.getErrorCode()).isNull();
    assertThat(message.getPriceUnit()).hasToString("USD");
    assertThat(message.getUri())
        .isEqualTo(
            "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages/" + message.getSid() + ".json");
    assertThat(message.getSubresourceUris())
        .containsEntry(
            "media",
            "/2010-04-01/Accounts/"
                + ACCOUNT_SID
                + "/Messages/"
                + message.getSid()
                + "/Media.json");

    assertThat(fake.created()).hasSize(1);
    FakeTwilioApi.Created created = fake.created().get(0);
    assertThat(created.sid()).isEqualTo(message.getSid());
    assertThat(created.to()).isEqualTo("whatsapp:+447700900001");
    assertThat(created.from()).isEqualTo("whatsapp:+15550000001");
    assertThat(created.body()).isEqualTo(body);
    assertThat(created.contentSid()).isNull();
    assertThat(created.contentVariables()).isEmpty();
    assertThat(created.mediaUrls()).isEmpty();
    assertThat(created.statusCallback()).isEqualTo("https://peerloop.example/twilio/status");
    assertThat(fake.createdTo("whatsapp:+447700900001")).containsExactly(created);
    assertThat(fake.calls())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.method()).isEqualTo("POST");
              assertThat(call.path())
                  .isEqualTo("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json");
              assertThat(call.params()).containsEntry("Body", List.of(body));
              assertThat(call.status()).isEqualTo(201);
            });

    Message fetched = Message.fetcher(message.getSid()).fetch(client);
    assertThat(fetched.getSid()).isEqualTo(message.getSid());
    assertThat(fetched.getBody()).isEqualTo(body);
  }

  @Test
  void aTemplateCreateKeepsItsContentSidAndVariables() {
    String contentSid = "HX" + "0123456789abcdef".repeat(2);
    Message message =
        Message.creator(ADA, SENDER, (String) null)
            .setContentSid(contentSid)
            .setContentVariables("{\"1\":\"Ada\",\"2\":\"Tuesday 18:00\"}")
            .create(client);

    assertThat(message.getStatus()).isEqualTo(Message.Status.QUEUED);
    FakeTwilioApi.Created created = fake.created().get(0);
    assertThat(created.body()).isNull();
    assertThat(created.contentSid()).isEqualTo(contentSid);
    assertThat(created.contentVariables())
        .containsExactly(Map.entry("1", "Ada"), Map.entry("2", "Tuesday 18:00"));
  }

  @Test
  void mediaUrlsRepeatAndAreKeptInOrder() {
    List<URI> urls =
        List.of(URI.create("https://cdn.example/a.jpg"), URI.create("https://cdn.example/b.pdf"));
    Message message = Message.creator(ADA, SENDER, urls).create(client);

    assertThat(message.getNumMedia()).isEqualTo("2");
    assertThat(fake.created().get(0).mediaUrls())
        .containsExactly("https://cdn.example/a.jpg", "https://cdn.example/b.pdf");
    assertThat(fake.created().get(0).params().get("MediaUrl")).hasSize(2);
  }

  @Test
  void invalidCreatesGetTwiliosErrorCodes() {
    assertThat(refused(Message.creator((PhoneNumber) null, SENDER, "hi")))
        .extracting(ApiException::getCode)
        .isEqualTo(FakeTwilioApi.TO_REQUIRED);
    assertThat(refused(Message.creator(ADA, (PhoneNumber) null, "hi")))
        .extracting(ApiException::getCode)
        .isEqualTo(FakeTwilioApi.FROM_REQUIRED);
    assertThat(refused(Message.creator(ADA, SENDER, (String) null)))
        .extracting(ApiException::getCode)
        .isEqualTo(FakeTwilioApi.BODY_OR_MEDIA_REQUIRED);
    ApiException tooLong = refused(Message.creator(ADA, SENDER, "x".repeat(1601)));
    assertThat(tooLong.getCode()).isEqualTo(FakeTwilioApi.BODY_TOO_LONG);
    assertThat(tooLong.getStatusCode()).isEqualTo(400);
    assertThat(fake.createdTo(ADA.toString())).isEmpty();
    Message.creator(ADA, SENDER, "x".repeat(1600)).create(client);

    String template = "HX" + "0".repeat(32);
    for (String variables :
        List.of(
            "not json", "[\"Ada\"]", "{\"1\":2}", "{\"1\":\"a\"} trailing", "{\"1\":\"a\\nb\"}")) {
      assertThat(
              refused(
                  Message.creator(ADA, SENDER, (String) null)
                      .setContentSid(template)
                      .setContentVariables(variables)))
          .as(variables)
          .extracting(ApiException::getCode)
          .isEqualTo(FakeTwilioApi.CONTENT_VARIABLES_INVALID);
    }
    assertThat(fake.created()).hasSize(1);
  }

  // ---------------------------------------------------------------- scripted failures

  @Test
  void aScripted63016ReachesTheSdkAsAnApiException() {
    fake.failNext(
        1,
        400,
        FakeTwilioApi.OUTSIDE_WINDOW,
        "Failed to send freeform message because you are outside the allowed window.");

    ApiException e = refused(Message.creator(ADA, SENDER, "hello"));

    assertThat(e.getCode()).isEqualTo(63016);
    assertThat(e.getStatusCode()).isEqualTo(400);
    assertThat(e.getMoreInfo()).isEqualTo("https://www.twilio.com/docs/errors/63016");
    assertThat(e.getMessage()).startsWith("Failed to send freeform message");
    assertThat(fake.created()).isEmpty();
    assertThat(fake.scriptedFailures()).isEqualTo(1);

    Message.creator(ADA, SENDER, "hello").create(client); // only the next one failed
    assertThat(fake.created()).hasSize(1);
  }

  @Test
  void failToFailsEveryCreateToThatNumberUntilCleared() {
    fake.failTo(ADA.toString(), 400, FakeTwilioApi.OUTSIDE_WINDOW, "outside the window");

    assertThat(refused(Message.creator(ADA, SENDER, "one")).getCode()).isEqualTo(63016);
    assertThat(refused(Message.creator(ADA, SENDER, "two")).getCode()).isEqualTo(63016);
    Message.creator(BOB, SENDER, "for Bob").create(client);
    fake.clearFailures();
    Message.creator(ADA, SENDER, "three").create(client);

    assertThat(fake.created())
        .extracting(FakeTwilioApi.Created::body)
        .containsExactly("for Bob", "three");
    assertThat(fake.calls())
        .extracting(FakeTwilioApi.Call::status)
        .containsExactly(400, 400, 201, 201);
  }

  @Test
  void a429CarriesCode20429() {
    fake.failNext(1, 429, FakeTwilioApi.TOO_MANY_REQUESTS, "Too Many Requests");

    ApiException e = refused(Message.creator(ADA, SENDER, "hello"), withoutHttpRetries());

    assertThat(e.getStatusCode()).isEqualTo(429);
    assertThat(e.getCode()).isEqualTo(20429);
    assertThat(fake.calls()).hasSize(1);
  }

  /**
   * The SDK's default NetworkHttpClient keeps Apache HttpClient's default retry strategy: a 429 or
   * 503 is sent again once, after its Retry-After or one second, before the SDK sees it.
   */
  @Test
  void theDefaultHttpClientRetriesA429OnceAfterASecond() {
    fake.failNext(1, 429, FakeTwilioApi.TOO_MANY_REQUESTS, "Too Many Requests");

    Message.creator(ADA, SENDER, "hello").create(client);

    List<FakeTwilioApi.Call> calls = fake.calls();
    assertThat(calls).extracting(FakeTwilioApi.Call::status).containsExactly(429, 201);
    assertThat(Duration.between(calls.get(0).at(), calls.get(1).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
  }

  /** The SDK itself sends a request up to three times in all while it answers 5xx. */
  @Test
  void theSdkRetriesA5xxByItself() {
    fake.failNext(2, 500, 20500, "Internal Server Error");

    Message.creator(ADA, SENDER, "hello").create(client);

    assertThat(fake.calls()).extracting(FakeTwilioApi.Call::status).containsExactly(500, 500, 201);
    assertThat(fake.created()).hasSize(1);

    fake.failNext(3, 500, 20500, "Internal Server Error");
    ApiException e = refused(Message.creator(ADA, SENDER, "again"));
    assertThat(e.getStatusCode()).isEqualTo(500);
  }

  @Test
  void theRateLimitAnswers429AboveItsRate() {
    TwilioRestClient noRetries = withoutHttpRetries();
    fake.limit(2);
    int refused = 0;
    for (int i = 0; i < 6; i++) {
      try {
        Message.creator(ADA, SENDER, "message " + i).create(noRetries);
      } catch (ApiException e) {
        assertThat(e.getCode()).isEqualTo(FakeTwilioApi.TOO_MANY_REQUESTS);
        refused++;
      }
    }

    assertThat(refused).isPositive().isEqualTo(fake.tooManyRequests());
    assertThat(fake.created()).hasSize(6 - refused);
    assertThat(fake.scriptedFailures()).isZero();
  }

  @Test
  void duplicatesCountTheSameMessageToTheSameNumber() {
    Message.creator(ADA, SENDER, "same").create(client);
    Message.creator(BOB, SENDER, "same").create(client);
    Message.creator(ADA, SENDER, "other").create(client);
    Message.creator(ADA, SENDER, "same").create(client);

    assertThat(fake.duplicates()).isEqualTo(1);
    assertThat(fake.duplicatesWithin(Duration.ofMinutes(1))).isEqualTo(1);
    assertThat(fake.duplicatesWithin(Duration.ofNanos(-1))).isZero();
  }

  // ---------------------------------------------------------------- auth and routing

  @Test
  void badCredentialsAre401() {
    ApiException e =
        catchThrowableOfType(
            ApiException.class,
            () -> Message.creator(ADA, SENDER, "hi").create(client(ACCOUNT_SID, "wrong-token")));

    assertThat(e.getStatusCode()).isEqualTo(401);
    assertThat(e.getCode()).isEqualTo(FakeTwilioApi.AUTHENTICATE);
    assertThat(fake.created()).isEmpty();
    assertThat(fake.calls()).extracting(FakeTwilioApi.Call::status).containsExactly(401);
  }

  @Test
  void anotherAccountsPathIs404() {
    ApiException e = refused(Message.creator("AC" + "f".repeat(32), ADA, SENDER, "hi"));

    assertThat(e.getStatusCode()).isEqualTo(404);
    assertThat(e.getCode()).isEqualTo(FakeTwilioApi.NOT_FOUND);
  }

  @Test
  void regionalAndEdgeHostsReachTheFakeToo() {
    TwilioRestClient regional =
        new TwilioRestClient.Builder(ACCOUNT_SID, TOKEN)
            .region("ie1")
            .edge("dublin")
            .httpClient(new HostRewritingHttpClient(fake.url()))
            .build();

    Message.creator(ADA, SENDER, "from Dublin").create(regional);

    assertThat(fake.created())
        .extracting(FakeTwilioApi.Created::body)
        .containsExactly("from Dublin");
  }

  // ---------------------------------------------------------------- media

  @Test
  void mediaNeedsBasicAuthAndARedirect() throws Exception {
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00, 0x42, (byte) 0xFF, (byte) 0xD9};
    String url = fake.media(jpeg, "image/jpeg");
    assertThat(url)
        .startsWith(fake.url() + "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages/MM")
        .containsPattern("/Media/ME[0-9a-f]{32}$");
    String auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((ACCOUNT_SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));

    HttpClient following =
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    HttpResponse<byte[]> ok =
        following.send(
            HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo(jpeg);
    assertThat(ok.headers().firstValue("Content-Type")).hasValue("image/jpeg");

    HttpClient notFollowing = HttpClient.newHttpClient(); // Redirect.NEVER
    HttpResponse<String> redirect =
        notFollowing.send(
            HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(redirect.statusCode()).isEqualTo(307);
    String location = redirect.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(fake.url() + "/media-content/");
    HttpResponse<byte[]> unauthenticated =
        notFollowing.send(
            HttpRequest.newBuilder(URI.create(location)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(unauthenticated.body()).isEqualTo(jpeg); // the short-lived URL needs no auth

    HttpResponse<String> anonymous =
        following.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).contains("\"code\":20003");
    HttpResponse<String> unknown =
        following.send(
            HttpRequest.newBuilder(URI.create(url + "0")).header("Authorization", auth).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  // ---------------------------------------------------------------- signatures

  @Test
  void theSignerAgreesWithTheSdksRequestValidator() {
    String url = "https://peerloop.example/twilio/whatsapp?tenant=a%20b&v=2";
    Map<String, String> params = new LinkedHashMap<>();
    params.put("To", "whatsapp:+15550000001");
    params.put("From", "whatsapp:+447700900001");
    params.put("Body", "Grüße — ça va? 👋 a+b=c&d");
    params.put("ProfileName", "Zoë Ærø");
    params.put("MessageSid", "SM" + "a".repeat(32));
    params.put("NumMedia", "0");
    params.put("AccountSid", ACCOUNT_SID);
    params.put("WaId", "447700900001");
    Map<String, List<String>> multi =
        params.entrySet().stream()
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey,
                    e -> List.of(e.getValue()),
                    (a, b) -> a,
                    LinkedHashMap::new));

    String signature = TwilioSigner.sign(TOKEN, url, multi);

    assertThat(new RequestValidator(TOKEN).validate(url, params, signature)).isTrue();
    assertThat(new RequestValidator("another-token").validate(url, params, signature)).isFalse();
    Map<String, String> tampered = new LinkedHashMap<>(params);
    tampered.put("Body", "something else");
    assertThat(new RequestValidator(TOKEN).validate(url, tampered, signature)).isFalse();
    assertThat(
            new RequestValidator(TOKEN)
                .validate("https://peerloop.example/twilio/whatsapp", params, signature))
        .isFalse();
    // No parameters at all: the URL alone is signed.
    assertThat(
            new RequestValidator(TOKEN)
                .validate(url, Map.of(), TwilioSigner.sign(TOKEN, url, Map.of())))
        .isTrue();
  }

  @Test
  void aRepeatedNameSignsEachDistinctValueSorted() {
    String url = "https://peerloop.example/hook";
    Map<String, List<String>> repeated = new LinkedHashMap<>();
    repeated.put("b", List.of("2"));
    repeated.put("a", List.of("z", "y", "z"));

    // The SDK's validator takes one value a name; this is what the Node and Python helpers sign.
    String signature = TwilioSigner.sign(TOKEN, url, repeated);
    assertThat(signature).isEqualTo(TwilioSigner.sign(TOKEN, url + "ayazb2", Map.of()));
    assertThat(signature)
        .isEqualTo(
            TwilioSigner.sign(TOKEN, url, Map.of("b", List.of("2"), "a", List.of("y", "z"))));
  }

  @Test
  void formBodyEncodesEveryValueInUtf8() {
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("Body", List.of("Grüße & 👋 = ok?"));
    params.put("MediaUrl", List.of("https://a.example/x?y=1", "https://a.example/z"));

    String form = TwilioSigner.formBody(params);

    assertThat(form).doesNotContain(" ").doesNotContain("ü");
    Map<String, List<String>> decoded = new LinkedHashMap<>();
    for (String pair : form.split("&")) {
      String[] kv = pair.split("=", 2);
      decoded
          .computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
          .add(URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    assertThat(decoded).isEqualTo(params);
  }

  // ---------------------------------------------------------------- the rewriting client

  @Test
  void theRewritingClientKeepsPathQueryAndCredentialsAndLeavesOtherHostsAlone() {
    HostRewritingHttpClient rewriting = new HostRewritingHttpClient("http://127.0.0.1:1/prefix/");

    Request request = new Request(HttpMethod.GET, "api", "/2010-04-01/Accounts/AC1/Messages.json");
    request.setRegion("au1");
    request.setEdge("sydney");
    request.addQueryParam("To", "whatsapp:+15550000001");
    request.addPostParam("Body", "hello");
    request.addPostParam("MediaUrl", "https://a.example/1");
    request.addPostParam("MediaUrl", "https://a.example/2");
    request.addHeaderParam("X-Custom", "1");
    request.setAuth("AC1", "secret");
    Request rewritten = rewriting.rewrite(request);

    assertThat(rewritten.constructURL())
        .hasToString(
            "http://127.0.0.1:1/prefix/2010-04-01/Accounts/AC1/Messages.json"
                + "?To=whatsapp%3A%2B15550000001");
    assertThat(rewritten.getAuthString()).isEqualTo(request.getAuthString());
    assertThat(rewritten.getPostParams()).isEqualTo(request.getPostParams());
    assertThat(rewritten.getHeaderParams()).isEqualTo(request.getHeaderParams());
    assertThat(rewritten.getQueryParams()).isEqualTo(request.getQueryParams());
    assertThat(rewritten.getMethod()).isEqualTo(HttpMethod.GET);

    Request elsewhere = new Request(HttpMethod.GET, "https://media.example/file.jpg");
    assertThat(rewriting.rewrite(elsewhere)).isSameAs(elsewhere);
  }

  private ApiException refused(MessageCreator creator) {
    return refused(creator, client);
  }

  private ApiException refused(MessageCreator creator, TwilioRestClient client) {
    ApiException e = catchThrowableOfType(ApiException.class, () -> creator.create(client));
    assertThat(e).as("an ApiException").isNotNull();
    return e;
  }
}
