package org.peerloop.bot.channel.whatsapp;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Twilio REST API (the parts the WhatsApp channel uses) for end-to-end tests of that
 * channel.
 *
 * <p>As with the Telegram fake, the channel's hard parts are on the wire: Twilio's validation
 * errors, 429s, a recipient outside WhatsApp's 24-hour window (63016), content templates and their
 * variables, and media that can only be fetched with the account's credentials. Mocking the SDK
 * would test none of that, so this fake speaks Twilio's wire format to Twilio's own Java SDK
 * (through {@link HostRewritingHttpClient}) and records what it got.
 *
 * <p>What it serves:
 *
 * <ul>
 *   <li>{@code POST /2010-04-01/Accounts/{sid}/Messages.json}: creates a message, answering 201
 *       with Twilio's message resource, or Twilio's error body.
 *   <li>{@code GET /2010-04-01/Accounts/{sid}/Messages/{SM…}.json}: the resource of a message it
 *       created.
 *   <li>{@code GET /2010-04-01/Accounts/{sid}/Messages/{MM…}/Media/{ME…}}: media registered with
 *       {@link #media}; like Twilio it answers 307 to a short-lived URL that needs no credentials
 *       ({@code /media-content/…}), so a client must follow the redirect.
 * </ul>
 *
 * <p>Where Twilio is strict the fake is too: every API call needs HTTP Basic auth with the account
 * SID and auth token (401 otherwise), a path naming another account is 404, and a create is
 * validated as Twilio does (a missing To, From or content, a body over 1600 characters, malformed
 * ContentVariables). It is lenient where the app cannot go wrong: any To and From are accepted.
 *
 * <p>Twilio reports a WhatsApp recipient outside the 24-hour window (63016) asynchronously, in the
 * status callback of a message it first accepted; the fake does not post status callbacks, so tests
 * script 63016 (and 429s, 5xx…) as synchronous failures with {@link #failNext} and {@link #failTo}.
 */
public final class FakeTwilioApi implements AutoCloseable {

  /** One request as received, failures included; {@code params} holds query and form fields. */
  public record Call(
      String method, String path, Map<String, List<String>> params, Instant at, int status) {}

  /**
   * One accepted message create. {@code contentVariables} is the parsed ContentVariables (empty
   * when none were sent); {@code params} is every form field, repeated names kept in order.
   */
  public record Created(
      String sid,
      String to,
      String from,
      String body,
      String contentSid,
      Map<String, String> contentVariables,
      List<String> mediaUrls,
      String statusCallback,
      Instant at,
      Map<String, List<String>> params) {}

  static final String API_VERSION = "2010-04-01";
  static final int MAX_BODY = 1600;

  // Twilio's error codes for what the fake checks, and the ones tests script most.
  static final int AUTHENTICATE = 20003;
  static final int NOT_FOUND = 20404;
  static final int METHOD_NOT_ALLOWED = 20004;
  static final int TOO_MANY_REQUESTS = 20429;
  static final int TO_REQUIRED = 21604;
  static final int FROM_REQUIRED = 21603;
  static final int BODY_OR_MEDIA_REQUIRED = 21619;
  static final int BODY_TOO_LONG = 21617;
  static final int CONTENT_VARIABLES_INVALID = 21656;
  static final int OUTSIDE_WINDOW = 63016;

  /** The fake's own code for a form body it cannot decode: not one of Twilio's. */
  static final int MALFORMED_REQUEST = 20000;

  private static final ObjectMapper JSON = new ObjectMapper();
  // Trailing garbage after the object is malformed ContentVariables, not something to ignore.
  private static final ObjectReader VARIABLES_READER =
      JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final String ACCOUNT = "/" + API_VERSION + "/Accounts/([^/]+)";
  private static final Pattern MESSAGES = Pattern.compile(ACCOUNT + "/Messages\\.json");
  private static final Pattern MESSAGE = Pattern.compile(ACCOUNT + "/Messages/(SM[^/]+)\\.json");
  private static final Pattern MEDIA = Pattern.compile(ACCOUNT + "/Messages/([^/]+)/Media/([^/]+)");
  private static final Pattern ANY_ACCOUNT = Pattern.compile(ACCOUNT + "(/.*)?");
  private static final String MEDIA_CONTENT = "/media-content/";
  // Twilio's dates: RFC 2822 in GMT, e.g. "Thu, 24 Aug 2023 05:01:45 +0000".
  private static final DateTimeFormatter RFC_2822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
          .withZone(ZoneOffset.UTC);

  static {
    // The JDK server writes a response's headers and body separately; with Nagle's algorithm the
    // body then waits for the client's delayed ACK, about 40 ms a request. The JDK reads this
    // once, when the JVM's first HttpServer is created.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final String accountSid;
  private final String expectedAuthorization;
  private final HttpServer server;
  private final ExecutorService executor;

  private final List<Call> calls = new ArrayList<>(); // guarded by itself

  // Creates, failures, limits and media: guarded by `state`.
  private final Object state = new Object();
  private final ArrayDeque<Failure> scripted = new ArrayDeque<>();
  private final Map<String, Failure> failingTo = new HashMap<>();
  private final List<Created> created = new ArrayList<>();
  private final Map<String, ObjectNode> resources = new HashMap<>();
  private final Set<SameMessage> accepted = new HashSet<>();
  private final Map<String, Media> media = new HashMap<>(); // by path
  private final Map<String, Media> mediaContent = new HashMap<>(); // by redirect token
  private int duplicates;
  private int tooManyRequests;
  private int scriptedFailures;
  private double perSecond;
  private double tokens;
  private long tokensAt;

  private record Failure(int status, int code, String message) {}

  /** What makes two creates the same message, for {@link #duplicates}. */
  private record SameMessage(
      String to,
      String body,
      String contentSid,
      Map<String, String> contentVariables,
      List<String> mediaUrls) {}

  private record Media(byte[] bytes, String contentType) {}

  private record Reply(int status, Map<String, String> headers, byte[] body) {}

  /** A request Twilio would refuse: its HTTP status, Twilio error code and message. */
  private static final class Refused extends RuntimeException {
    final Failure failure;

    Refused(int status, int code, String message) {
      super(message, null, false, false);
      this.failure = new Failure(status, code, message);
    }
  }

  private FakeTwilioApi(String accountSid, String authToken) throws IOException {
    this.accountSid = accountSid;
    this.expectedAuthorization = basic(accountSid, authToken);
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            32,
            r -> {
              Thread t = new Thread(r, "fake-twilio-api-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 128);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  public static FakeTwilioApi start(String accountSid, String authToken) throws IOException {
    FakeTwilioApi fake = new FakeTwilioApi(accountSid, authToken);
    fake.server.start();
    return fake;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The base URL that stands in for {@code https://api.twilio.com}. */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  public String accountSid() {
    return accountSid;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---------------------------------------------------------------- calls

  public List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  public void clearCalls() {
    synchronized (calls) {
      calls.clear();
    }
  }

  // ---------------------------------------------------------------- creates

  public List<Created> created() {
    synchronized (state) {
      return List.copyOf(created);
    }
  }

  public List<Created> createdTo(String to) {
    return created().stream().filter(c -> c.to().equals(to)).toList();
  }

  /**
   * Accepted creates that repeat an earlier accepted one: same To, Body, ContentSid,
   * ContentVariables and MediaUrls, however long before. That is a message delivered twice unless
   * the test meant to send it twice; such a test can use {@link #duplicatesWithin} instead.
   */
  public int duplicates() {
    synchronized (state) {
      return duplicates;
    }
  }

  /** Like {@link #duplicates}, counting only repeats within {@code window} of the previous one. */
  public int duplicatesWithin(Duration window) {
    Map<SameMessage, Instant> last = new HashMap<>();
    int count = 0;
    for (Created c : created()) {
      Instant before = last.put(sameMessage(c), c.at());
      if (before != null && Duration.between(before, c.at()).compareTo(window) <= 0) {
        count++;
      }
    }
    return count;
  }

  /** 429s provoked by {@link #limit}, not by {@link #failNext} or {@link #failTo}. */
  public int tooManyRequests() {
    synchronized (state) {
      return tooManyRequests;
    }
  }

  /** Answers from {@link #failNext} and {@link #failTo}. */
  public int scriptedFailures() {
    synchronized (state) {
      return scriptedFailures;
    }
  }

  // ---------------------------------------------------------------- failures and limits

  /**
   * The next {@code times} message creates fail so, before any validation: e.g. (400, 63016) for a
   * recipient outside the 24-hour window, (429, 20429) for Twilio's rate limit. The SDK retries a
   * 5xx by itself (three attempts in all, 100 ms apart), so one 5xx it never shows the caller.
   */
  public void failNext(int times, int httpStatus, int code, String message) {
    synchronized (state) {
      for (int i = 0; i < times; i++) {
        scripted.add(new Failure(httpStatus, code, message));
      }
    }
  }

  /** Every valid create to {@code to} fails so until {@link #clearFailures}. */
  public void failTo(String to, int httpStatus, int code, String message) {
    synchronized (state) {
      failingTo.put(to, new Failure(httpStatus, code, message));
    }
  }

  public void clearFailures() {
    synchronized (state) {
      scripted.clear();
      failingTo.clear();
    }
  }

  /**
   * Creates above {@code perSecond} (a bucket holding one second's worth) answer 429 with code
   * 20429, as Twilio does past an account's or sender's throughput; 0 for no limit.
   */
  public void limit(double perSecond) {
    synchronized (state) {
      this.perSecond = perSecond;
      this.tokens = bucketCapacity();
      this.tokensAt = System.nanoTime();
    }
  }

  // ---------------------------------------------------------------- media

  /**
   * Registers a media file of a new inbound message and returns its URL, as Twilio puts it in an
   * inbound webhook's MediaUrl0: fetching it needs the account's Basic auth and a redirect.
   */
  public String media(byte[] bytes, String contentType) {
    return media("MM" + hex32(), bytes, contentType);
  }

  /** Another media file of the inbound message {@code messageSid} (MediaUrl1, MediaUrl2…). */
  public String media(String messageSid, byte[] bytes, String contentType) {
    String path =
        "/"
            + API_VERSION
            + "/Accounts/"
            + accountSid
            + "/Messages/"
            + messageSid
            + "/Media/ME"
            + hex32();
    synchronized (state) {
      media.put(path, new Media(bytes.clone(), contentType));
    }
    return url() + path;
  }

  // ---------------------------------------------------------------- HTTP

  private void handle(HttpExchange exchange) {
    Instant at = Instant.now();
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String path = exchange.getRequestURI().getPath();
    Map<String, List<String>> params = Map.of();
    Reply reply;
    try {
      params = readParams(exchange);
      reply = route(exchange, method, path, params, at);
    } catch (Refused e) {
      reply = failure(e.failure);
    } catch (Exception e) {
      reply = error(500, 20500, "Internal Server Error: " + e);
    }
    synchronized (calls) {
      calls.add(new Call(method, path, params, at, reply.status()));
    }
    write(exchange, method, reply);
  }

  private Reply route(
      HttpExchange exchange,
      String method,
      String path,
      Map<String, List<String>> params,
      Instant at) {
    if (path.startsWith(MEDIA_CONTENT)) {
      return mediaContent(method, path.substring(MEDIA_CONTENT.length()));
    }
    Matcher account = ANY_ACCOUNT.matcher(path);
    if (!account.matches()) {
      return notFound(path);
    }
    if (!expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      Reply reply = error(401, AUTHENTICATE, "Authenticate");
      reply.headers().put("WWW-Authenticate", "Basic realm=\"Twilio API\"");
      return reply;
    }
    if (!accountSid.equals(account.group(1))) {
      return notFound(path);
    }
    if (MESSAGES.matcher(path).matches()) {
      return method.equals("POST") ? create(params, at) : methodNotAllowed(method);
    }
    Matcher message = MESSAGE.matcher(path);
    if (message.matches()) {
      return method.equals("GET") ? fetch(message.group(2), path) : methodNotAllowed(method);
    }
    if (MEDIA.matcher(path).matches()) {
      if (!method.equals("GET")) {
        return methodNotAllowed(method);
      }
      String token = hex32();
      synchronized (state) {
        Media file = media.get(path);
        if (file == null) {
          return notFound(path);
        }
        mediaContent.put(token, file);
      }
      Reply reply = new Reply(307, new LinkedHashMap<>(), new byte[0]);
      reply.headers().put("Location", url() + MEDIA_CONTENT + token);
      return reply;
    }
    return notFound(path);
  }

  private Reply fetch(String sid, String path) {
    synchronized (state) {
      ObjectNode resource = resources.get(sid);
      return resource == null ? notFound(path) : json(200, resource.deepCopy());
    }
  }

  private Reply create(Map<String, List<String>> params, Instant at) {
    Failure next;
    synchronized (state) {
      next = scripted.poll();
      if (next != null) {
        scriptedFailures++;
      }
    }
    if (next != null) {
      return failure(next);
    }
    String to = first(params, "To");
    String from = first(params, "From");
    String service = first(params, "MessagingServiceSid");
    String body = first(params, "Body");
    String contentSid = first(params, "ContentSid");
    List<String> mediaUrls = params.getOrDefault("MediaUrl", List.of());
    if (blank(to)) {
      throw new Refused(400, TO_REQUIRED, "A 'To' phone number is required.");
    }
    if (blank(from) && blank(service)) {
      throw new Refused(400, FROM_REQUIRED, "A 'From' phone number is required.");
    }
    if (blank(body) && blank(contentSid) && mediaUrls.isEmpty()) {
      throw new Refused(
          400, BODY_OR_MEDIA_REQUIRED, "A text message body or media urls must be specified.");
    }
    // UTF-16 units, not code points: at least as strict as Twilio however it counts emoji.
    if (body != null && body.length() > MAX_BODY) {
      throw new Refused(
          400,
          BODY_TOO_LONG,
          "The concatenated message body exceeds the " + MAX_BODY + " character limit.");
    }
    Map<String, String> variables =
        contentVariables(first(params, "ContentVariables"), !blank(contentSid));
    synchronized (state) {
      Failure failure = failingTo.get(to);
      if (failure != null) {
        scriptedFailures++;
        return failure(failure);
      }
      if (perSecond > 0) {
        refill(System.nanoTime());
        if (tokens < 1) {
          tooManyRequests++;
          return error(429, TOO_MANY_REQUESTS, "Too Many Requests");
        }
        tokens -= 1;
      }
      Created message =
          new Created(
              "SM" + hex32(),
              to,
              from,
              body,
              contentSid,
              variables,
              List.copyOf(mediaUrls),
              first(params, "StatusCallback"),
              at,
              params);
      created.add(message);
      if (!accepted.add(sameMessage(message))) {
        duplicates++;
      }
      ObjectNode resource = resource(message, service);
      resources.put(message.sid(), resource);
      return json(201, resource.deepCopy());
    }
  }

  /** ContentVariables: a JSON object of strings; with a template, no value may hold a newline. */
  private static Map<String, String> contentVariables(String raw, boolean template) {
    if (raw == null) {
      return Map.of();
    }
    JsonNode node;
    try {
      node = VARIABLES_READER.readTree(raw);
    } catch (IOException e) {
      node = null;
    }
    if (!(node instanceof ObjectNode object)) {
      throw invalidVariables();
    }
    Map<String, String> variables = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      JsonNode value = field.getValue();
      if (!value.isTextual()) {
        throw invalidVariables();
      }
      if (template && (value.asText().indexOf('\n') >= 0 || value.asText().indexOf('\r') >= 0)) {
        throw invalidVariables();
      }
      variables.put(field.getKey(), value.asText());
    }
    return Collections.unmodifiableMap(variables);
  }

  private static Refused invalidVariables() {
    return new Refused(
        400, CONTENT_VARIABLES_INVALID, "The ContentVariables Parameter is invalid.");
  }

  private Reply mediaContent(String method, String token) {
    if (!method.equals("GET")) {
      return methodNotAllowed(method);
    }
    Media file;
    synchronized (state) {
      file = mediaContent.get(token);
    }
    if (file == null) {
      return notFound(MEDIA_CONTENT + token);
    }
    Reply reply = new Reply(200, new LinkedHashMap<>(), file.bytes());
    reply.headers().put("Content-Type", file.contentType());
    return reply;
  }

  private void refill(long now) {
    tokens = Math.min(bucketCapacity(), tokens + (now - tokensAt) / 1e9 * perSecond);
    tokensAt = now;
  }

  private double bucketCapacity() {
    return Math.max(1, perSecond); // below 1/s the bucket must still hold one create
  }

  // ---------------------------------------------------------------- request parsing

  /** Query and form fields in arrival order; a repeated name keeps every value. */
  private static Map<String, List<String>> readParams(HttpExchange exchange) throws IOException {
    Map<String, List<String>> params = new LinkedHashMap<>();
    String query = exchange.getRequestURI().getRawQuery();
    if (query != null) {
      parseForm(query, params);
    }
    byte[] body = exchange.getRequestBody().readAllBytes(); // read even if unused: keep-alive
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    // Twilio reads only form bodies; anything else leaves the fields missing, as it would.
    if (body.length > 0
        && contentType != null
        && contentType
            .toLowerCase(Locale.ROOT)
            .trim()
            .startsWith("application/x-www-form-urlencoded")) {
      parseForm(new String(body, StandardCharsets.UTF_8), params);
    }
    Map<String, List<String>> copy = new LinkedHashMap<>();
    params.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    return Collections.unmodifiableMap(copy);
  }

  private static void parseForm(String form, Map<String, List<String>> params) {
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String name =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } catch (IllegalArgumentException e) {
        throw new Refused(400, MALFORMED_REQUEST, "Malformed form field " + pair);
      }
    }
  }

  private static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static SameMessage sameMessage(Created c) {
    return new SameMessage(c.to(), c.body(), c.contentSid(), c.contentVariables(), c.mediaUrls());
  }

  // ---------------------------------------------------------------- responses

  /** Twilio's message resource, as the SDK's Message reads it. */
  private ObjectNode resource(Created message, String messagingServiceSid) {
    String uri = "/" + API_VERSION + "/Accounts/" + accountSid + "/Messages/" + message.sid();
    String date = RFC_2822.format(message.at());
    ObjectNode r = JSON.createObjectNode();
    r.put("account_sid", accountSid);
    r.put("api_version", API_VERSION);
    r.put("body", message.body() == null ? "" : message.body());
    r.put("date_created", date);
    r.putNull("date_sent");
    r.put("date_updated", date);
    r.put("direction", "outbound-api");
    r.putNull("error_code");
    r.putNull("error_message");
    r.put("from", message.from());
    r.put("messaging_service_sid", messagingServiceSid);
    r.put("num_media", Integer.toString(message.mediaUrls().size()));
    r.put("num_segments", "1");
    r.putNull("price");
    r.put("price_unit", "USD");
    r.put("sid", message.sid());
    // Through a Messaging Service without a From, Twilio has yet to pick a sender.
    r.put("status", blank(message.from()) ? "accepted" : "queued");
    r.putObject("subresource_uris").put("media", uri + "/Media.json");
    r.put("to", message.to());
    r.put("uri", uri + ".json");
    return r;
  }

  private static Reply json(int status, ObjectNode body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json;charset=utf-8");
    headers.put("Twilio-Request-Id", "RQ" + hex32());
    try {
      return new Reply(status, headers, JSON.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Twilio's error body; the SDK's ApiException takes its code and status from it. */
  private static Reply error(int status, int code, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("code", code);
    body.put("message", message);
    body.put("more_info", "https://www.twilio.com/docs/errors/" + code);
    body.put("status", status);
    return json(status, body);
  }

  private static Reply failure(Failure f) {
    return error(f.status(), f.code(), f.message());
  }

  private static Reply notFound(String path) {
    return error(404, NOT_FOUND, "The requested resource " + path + " was not found");
  }

  private static Reply methodNotAllowed(String method) {
    return error(405, METHOD_NOT_ALLOWED, "Method not allowed: " + method);
  }

  private static void write(HttpExchange exchange, String method, Reply reply) {
    try (exchange) {
      reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      boolean noBody = reply.body().length == 0 || method.equals("HEAD");
      exchange.sendResponseHeaders(reply.status(), noBody ? -1 : reply.body().length);
      if (!noBody) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(reply.body());
        }
      }
    } catch (IOException e) {
      // The client went away (or close()): nothing left to tell it.
    }
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String hex32() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
