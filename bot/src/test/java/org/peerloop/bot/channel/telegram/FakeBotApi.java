package org.peerloop.bot.channel.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Telegram Bot API for end-to-end tests and the benchmark of the Telegram channel.
 *
 * <p>The channel's hard parts live on the wire: the getUpdates offset that confirms a batch only
 * once it is durable, 429s with {@code retry_after}, chats that block the bot, groups that migrate
 * to supergroups, and Telegram's per-chat and per-group rate limits. Mocking the library's client
 * would test none of that, and the real API cannot be scripted or hammered, so this fake speaks the
 * real wire format to the real client (TelegramBots' OkHttpTelegramClient) and records what it got.
 *
 * <p>Where Telegram behaves in a way the app must cope with, the fake does the same rather than
 * being lenient: an offset forgets the updates below it forever, getUpdates answers 409 while a
 * webhook is set and terminates an earlier long poll with 409 when a second one arrives, and texts
 * over Telegram's length limits are refused.
 */
public final class FakeBotApi implements AutoCloseable {

  /** One request as received; {@code method} is the canonical camelCase name when known. */
  public record Call(String method, ObjectNode params, Instant at, int status) {}

  /**
   * One accepted send; {@code text} is the caption for photos and documents. An uploaded file's
   * name and size in bytes are kept too (null for a text, or for a file re-sent by its file_id).
   */
  public record Sent(
      long chatId,
      int messageId,
      String method,
      String text,
      String replyMarkup,
      Instant at,
      String fileName,
      Long fileSize) {}

  static final String BOT_FIRST_NAME = "PeerLoop";
  static final String BOT_USERNAME = "PeerLoopTestBot";

  private static final ObjectMapper JSON = new ObjectMapper();
  // Trailing garbage after the object is a malformed body, not something to ignore.
  private static final ObjectReader BODY_READER =
      JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Pattern PATH = Pattern.compile("/bot([^/]*)/([^/]+)/?");
  private static final Pattern FILE_PATH = Pattern.compile("/file/bot([^/]*)/(.+)");
  private static final Pattern DISPOSITION_PARAM =
      Pattern.compile(";\\s*([A-Za-z*]+)\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s]*))");
  private static final List<String> METHODS =
      List.of(
          "getUpdates",
          "getMe",
          "sendMessage",
          "sendPhoto",
          "sendDocument",
          "answerCallbackQuery",
          "editMessageReplyMarkup",
          "setWebhook",
          "deleteWebhook",
          "getWebhookInfo",
          "setMyCommands",
          "deleteMyCommands",
          "getFile");
  private static final Map<String, String> CANONICAL = new HashMap<>();
  private static final Set<String> SENDS = Set.of("sendMessage", "sendPhoto", "sendDocument");
  private static final int MAX_TEXT = 4096;
  private static final int MAX_CAPTION = 1024;
  private static final long MAX_UPLOAD = 50L * 1024 * 1024;
  // Supergroup and channel ids are -100 followed by the internal id.
  private static final long SUPERGROUP_BELOW = -1_000_000_000_000L;
  private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);

  static {
    // The JDK server writes a response's headers and body separately; with Nagle's algorithm the
    // body then waits for the client's delayed ACK, about 40 ms a request, which would swamp the
    // benchmark. The JDK reads this once, when the JVM's first HttpServer is created.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    for (String m : METHODS) {
      CANONICAL.put(m.toLowerCase(Locale.ROOT), m);
    }
  }

  private final String token;
  private final long botId;
  private final HttpServer server;
  private final ExecutorService executor;

  private final List<Call> calls = new ArrayList<>(); // guarded by itself

  // Updates and long polls.
  private final ReentrantLock updatesLock = new ReentrantLock();
  private final Condition updatesChanged = updatesLock.newCondition();
  private final TreeMap<Long, ObjectNode> pending = new TreeMap<>();
  private long confirmedBelow;
  private long pollGeneration;
  private boolean closed;
  // Numbered apart from the bot's per-chat counter so the first send to a chat is message 1.
  private final AtomicInteger incomingMessageIds = new AtomicInteger(1_000_000);

  // Sends, failures, limits and the webhook: guarded by `state`.
  private final Object state = new Object();
  private static final int PASS = 0;
  private final Map<String, ArrayDeque<Failure>> scripted = new HashMap<>();
  private final Map<Long, Failure> failingChats = new HashMap<>();
  private final List<Sent> sent = new ArrayList<>();
  private final Map<Long, Integer> lastMessageId = new HashMap<>();
  private final Set<ChatText> delivered = new HashSet<>();
  private int duplicates;
  private int tooManyRequests;
  private int scriptedFailures;
  private int fileIds;
  private final Map<String, String> filePaths = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, byte[]> files = new java.util.concurrent.ConcurrentHashMap<>();
  private String webhookUrl = "";
  private double overallPerSecond;
  private double perChatPerSecond;
  private int perGroupPerMinute;
  private double tokens;
  private long tokensAt;
  private final Map<Long, Long> lastChatSend = new HashMap<>();
  private final Map<Long, ArrayDeque<Long>> groupSends = new HashMap<>();

  private record Failure(int code, String description, Integer retryAfter, Long migrateTo) {}

  private record ChatText(long chatId, String text) {}

  private record Reply(int status, ObjectNode body) {}

  /** A request Telegram would refuse with 400; the message follows "Bad Request: ". */
  private static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message, null, false, false);
    }
  }

  private FakeBotApi(String token) throws IOException {
    this.token = token;
    this.botId = botIdOf(token);
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            64,
            r -> {
              Thread t = new Thread(r, "fake-bot-api-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 128);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  public static FakeBotApi start(String token) throws IOException {
    FakeBotApi fake = new FakeBotApi(token);
    fake.server.start();
    return fake;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port();
  }

  @Override
  public void close() {
    updatesLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      updatesChanged.signalAll();
    } finally {
      updatesLock.unlock();
    }
    server.stop(0);
    executor.shutdownNow();
  }

  // ---------------------------------------------------------------- calls

  public List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  public List<Call> calls(String method) {
    return calls().stream().filter(c -> c.method().equalsIgnoreCase(method)).toList();
  }

  public void clearCalls() {
    synchronized (calls) {
      calls.clear();
    }
  }

  // ---------------------------------------------------------------- updates

  public void enqueue(String updateJson) {
    JsonNode node;
    try {
      node = JSON.readTree(updateJson);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + updateJson, e);
    }
    if (!(node instanceof ObjectNode update)) {
      throw new IllegalArgumentException("an update is a JSON object: " + updateJson);
    }
    enqueue(update);
  }

  public void enqueue(ObjectNode update) {
    JsonNode id = update.get("update_id");
    if (id == null || !id.canConvertToLong() || !id.isIntegralNumber()) {
      throw new IllegalArgumentException("an update needs a numeric update_id: " + update);
    }
    long updateId = id.asLong();
    updatesLock.lock();
    try {
      // Either would vanish or shadow silently, which hides a bug in the test that enqueued it.
      if (updateId < confirmedBelow) {
        throw new IllegalArgumentException(
            "update " + updateId + " is below the confirmed offset " + confirmedBelow);
      }
      if (pending.containsKey(updateId)) {
        throw new IllegalArgumentException("update " + updateId + " is already pending");
      }
      pending.put(updateId, update.deepCopy());
      updatesChanged.signalAll();
    } finally {
      updatesLock.unlock();
    }
  }

  /** The highest offset a getUpdates has confirmed: every update below it is gone. */
  public long confirmedBelow() {
    updatesLock.lock();
    try {
      return confirmedBelow;
    } finally {
      updatesLock.unlock();
    }
  }

  public int pending() {
    updatesLock.lock();
    try {
      return pending.size();
    } finally {
      updatesLock.unlock();
    }
  }

  /** A user's text in a private chat; a leading /command gets its bot_command entity. */
  public ObjectNode textUpdate(long updateId, long chatId, long userId, String text) {
    ObjectNode chat = JSON.createObjectNode();
    chat.put("id", chatId);
    chat.put("type", "private");
    chat.put("first_name", userName(userId));
    return messageUpdate(updateId, chat, userId, text);
  }

  /**
   * A file people can send the bot: {@code getFile} answers {@code path} for {@code fileId}, and
   * {@code /file/bot<token>/<path>} serves the bytes.
   */
  public void file(String fileId, String path, byte[] bytes) {
    filePaths.put(fileId, path);
    files.put(path, bytes);
  }

  /** A private-chat photo (its largest size is {@code fileId}), with an optional caption. */
  public ObjectNode photoUpdate(long updateId, long chatId, long userId, String fileId) {
    ObjectNode update = textUpdate(updateId, chatId, userId, "");
    ObjectNode message = (ObjectNode) update.get("message");
    message.remove("text");
    ObjectNode size = message.putArray("photo").addObject();
    size.put("file_id", fileId);
    size.put("file_unique_id", "u-" + fileId);
    size.put("width", 640);
    size.put("height", 480);
    return update;
  }

  public ObjectNode groupTextUpdate(long updateId, long groupChatId, long userId, String text) {
    return messageUpdate(updateId, chatOf(groupChatId), userId, text);
  }

  /** A tap on an inline button under the bot's message {@code messageId}. */
  public ObjectNode callbackUpdate(
      long updateId, long chatId, long userId, long messageId, String data) {
    ObjectNode message = JSON.createObjectNode();
    message.put("message_id", messageId);
    message.set("from", botUser());
    message.set("chat", chatOf(chatId));
    message.put("date", Instant.now().getEpochSecond());
    message.put("text", "…");
    ObjectNode query = JSON.createObjectNode();
    query.put("id", Long.toString(botId) + updateId);
    query.set("from", user(userId));
    query.set("message", message);
    query.put("chat_instance", Long.toString(Math.abs(chatId * 7919 + botId)));
    query.put("data", data);
    ObjectNode update = JSON.createObjectNode();
    update.put("update_id", updateId);
    update.set("callback_query", query);
    return update;
  }

  private ObjectNode messageUpdate(long updateId, ObjectNode chat, long userId, String text) {
    ObjectNode message = JSON.createObjectNode();
    message.put("message_id", incomingMessageIds.incrementAndGet());
    message.set("from", user(userId));
    message.set("chat", chat);
    message.put("date", Instant.now().getEpochSecond());
    message.put("text", text);
    if (text.startsWith("/")) {
      int end = 0;
      while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
        end++;
      }
      ObjectNode entity = message.putArray("entities").addObject();
      entity.put("offset", 0);
      entity.put("length", end);
      entity.put("type", "bot_command");
    }
    ObjectNode update = JSON.createObjectNode();
    update.put("update_id", updateId);
    update.set("message", message);
    return update;
  }

  // ---------------------------------------------------------------- sends

  public List<Sent> sent() {
    synchronized (state) {
      return List.copyOf(sent);
    }
  }

  public List<Sent> sentTo(long chatId) {
    return sent().stream().filter(s -> s.chatId() == chatId).toList();
  }

  /** Accepted sends whose (chat, text) was accepted before: a duplicate delivery. */
  /** Each duplicate accepted: chat and text. */
  public List<String> duplicated() {
    return List.copyOf(duplicated);
  }

  private final List<String> duplicated = new java.util.concurrent.CopyOnWriteArrayList<>();

  public int duplicates() {
    synchronized (state) {
      return duplicates;
    }
  }

  /** 429s provoked by {@link #limits}, not by {@link #failNext}. */
  public int tooManyRequests() {
    synchronized (state) {
      return tooManyRequests;
    }
  }

  /** Answers from {@link #failNext}, {@link #failChat} and {@link #migrateGroup}. */
  public int scriptedFailures() {
    synchronized (state) {
      return scriptedFailures;
    }
  }

  // ---------------------------------------------------------------- failures and limits

  public void failNext(
      String method, int times, int errorCode, String description, Integer retryAfter) {
    synchronized (state) {
      ArrayDeque<Failure> queue =
          scripted.computeIfAbsent(method.toLowerCase(Locale.ROOT), k -> new ArrayDeque<>());
      for (int i = 0; i < times; i++) {
        queue.add(new Failure(errorCode, description, retryAfter, null));
      }
    }
  }

  /** The next {@code okCalls} calls of the method succeed, then one fails so. */
  public void failAfter(String method, int okCalls, int errorCode, String description) {
    synchronized (state) {
      ArrayDeque<Failure> queue =
          scripted.computeIfAbsent(method.toLowerCase(Locale.ROOT), k -> new ArrayDeque<>());
      for (int i = 0; i < okCalls; i++) {
        queue.add(new Failure(PASS, null, null, null));
      }
      queue.add(new Failure(errorCode, description, null, null));
    }
  }

  public void failChat(long chatId, int errorCode, String description) {
    synchronized (state) {
      failingChats.put(chatId, new Failure(errorCode, description, null, null));
    }
  }

  public void migrateGroup(long oldChatId, long newChatId) {
    synchronized (state) {
      failingChats.put(
          oldChatId,
          new Failure(
              400, "Bad Request: group chat was upgraded to a supergroup chat", null, newChatId));
    }
  }

  public void clearFailures() {
    synchronized (state) {
      scripted.clear();
      failingChats.clear();
    }
  }

  /**
   * Telegram's documented send limits, 0 for none: overall per second (a bucket holding one
   * second's worth), per private chat per second (with 10% slack for jitter), per group per minute.
   */
  public void limits(double overallPerSecond, double perChatPerSecond, int perGroupPerMinute) {
    synchronized (state) {
      this.overallPerSecond = overallPerSecond;
      this.perChatPerSecond = perChatPerSecond;
      this.perGroupPerMinute = perGroupPerMinute;
      this.tokens = bucketCapacity();
      this.tokensAt = System.nanoTime();
      lastChatSend.clear();
      groupSends.clear();
    }
  }

  // ---------------------------------------------------------------- HTTP

  private void handle(HttpExchange exchange) {
    Instant at = Instant.now();
    String method = "";
    ObjectNode params = JSON.createObjectNode();
    Reply reply;
    try {
      Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
      Matcher download = FILE_PATH.matcher(exchange.getRequestURI().getPath());
      if (download.matches()) {
        drain(exchange);
        byte[] bytes = token.equals(download.group(1)) ? files.get(download.group(2)) : null;
        synchronized (calls) {
          calls.add(new Call("download", params, at, bytes == null ? 404 : 200));
        }
        if (bytes == null) {
          exchange.sendResponseHeaders(404, -1);
        } else {
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
        }
        exchange.close();
        return;
      }
      if (!path.matches()) {
        method = exchange.getRequestURI().getPath();
        drain(exchange);
        reply = error(404, "Not Found");
      } else {
        String canonical = CANONICAL.get(path.group(2).toLowerCase(Locale.ROOT));
        method = canonical != null ? canonical : path.group(2);
        if (!token.equals(path.group(1))) {
          drain(exchange);
          reply = error(401, "Unauthorized");
        } else if (canonical == null) {
          drain(exchange);
          reply = error(404, "Not Found");
        } else {
          try {
            params = readParams(exchange);
            reply = dispatch(canonical, params);
          } catch (BadRequest e) {
            reply = error(400, "Bad Request: " + e.getMessage());
          }
        }
      }
    } catch (Exception e) {
      reply = error(500, "Internal Server Error: " + e);
    }
    synchronized (calls) {
      calls.add(new Call(method, params, at, reply.status()));
    }
    write(exchange, reply);
  }

  private Reply dispatch(String method, ObjectNode params) {
    Failure failure;
    synchronized (state) {
      ArrayDeque<Failure> queue = scripted.get(method.toLowerCase(Locale.ROOT));
      failure = queue == null ? null : queue.poll();
      if (failure != null && failure.code() == PASS) {
        failure = null; // a scripted success, placed before a failure by failAfter
      } else if (failure != null) {
        scriptedFailures++;
      }
    }
    if (failure != null) {
      return failure(failure);
    }
    if (SENDS.contains(method)) {
      return send(method, params);
    }
    return switch (method) {
      case "getUpdates" -> getUpdates(params);
      case "getMe" -> ok(me());
      case "getFile" -> {
        String id = params.path("file_id").asText("");
        String filePath = filePaths.get(id);
        if (filePath == null) {
          yield error(400, "Bad Request: invalid file_id");
        }
        ObjectNode f = JSON.createObjectNode();
        f.put("file_id", id);
        f.put("file_unique_id", "u-" + id);
        f.put("file_size", files.get(filePath).length);
        f.put("file_path", filePath);
        yield ok(f);
      }
      case "getWebhookInfo" -> ok(webhookInfo());
      case "setWebhook" -> {
        JsonNode url = params.get("url");
        setWebhook(url == null || url.isNull() ? "" : url.asText(), params);
        yield okTrue();
      }
      case "deleteWebhook" -> {
        setWebhook("", params);
        yield okTrue();
      }
      default -> okTrue(); // answerCallbackQuery, editMessageReplyMarkup, (set|delete)MyCommands
    };
  }

  private void setWebhook(String url, ObjectNode params) {
    synchronized (state) {
      webhookUrl = url;
    }
    if (bool(params, "drop_pending_updates")) {
      updatesLock.lock();
      try {
        pending.clear();
      } finally {
        updatesLock.unlock();
      }
    }
  }

  private Reply send(String method, ObjectNode params) {
    long chatId = chatId(params);
    String text;
    String fileId = null;
    JsonNode file = null;
    if (method.equals("sendMessage")) {
      text = string(params, "text");
      if (text == null || text.isBlank()) {
        throw new BadRequest("message text is empty");
      }
      if (text.length() > MAX_TEXT) {
        throw new BadRequest("message is too long");
      }
    } else {
      text = string(params, "caption");
      if (text != null && text.length() > MAX_CAPTION) {
        throw new BadRequest("message caption is too long");
      }
      String field = method.equals("sendPhoto") ? "photo" : "document";
      file = params.get(field);
      if (file == null || file.isNull() || (file.isTextual() && file.asText().isBlank())) {
        throw new BadRequest("there is no " + field + " in the request");
      }
      if (file.isTextual()) {
        fileId = file.asText(); // a file_id or URL the bot re-sends
      }
      if (file.isObject() && file.path("size").asLong() > MAX_UPLOAD) {
        return error(413, "Request Entity Too Large"); // bots upload at most 50 MB
      }
    }
    String replyMarkup = replyMarkup(params);
    Instant now = Instant.now();
    long nanos = System.nanoTime();
    synchronized (state) {
      Failure failure = failingChats.get(chatId);
      if (failure != null) {
        scriptedFailures++;
        return failure(failure);
      }
      long waitNanos = limitWait(chatId, nanos);
      if (waitNanos > 0) {
        tooManyRequests++;
        int seconds = (int) Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        return failure(
            new Failure(429, "Too Many Requests: retry after " + seconds, seconds, null));
      }
      admit(chatId, nanos);
      int messageId = lastMessageId.merge(chatId, 1, Integer::sum);
      if (fileId == null && file != null) {
        fileId = "fake-file-" + (++fileIds);
      }
      boolean uploaded = file != null && file.isObject();
      sent.add(
          new Sent(
              chatId,
              messageId,
              method,
              text,
              replyMarkup,
              now,
              uploaded ? file.path("filename").asText() : null,
              uploaded ? file.path("size").asLong() : null));
      if (text != null && !delivered.add(new ChatText(chatId, text))) {
        duplicated.add(chatId + ": " + text);
        duplicates++;
      }
      return ok(message(method, chatId, messageId, now, text, replyMarkup, fileId, file));
    }
  }

  /** Nanoseconds until a send to the chat fits every limit; 0 when it fits now. */
  private long limitWait(long chatId, long now) {
    long wait = 0;
    if (overallPerSecond > 0) {
      refill(now);
      if (tokens < 1) {
        wait = Math.max(wait, (long) Math.ceil((1 - tokens) / overallPerSecond * 1e9));
      }
    }
    if (perChatPerSecond > 0 && chatId > 0) {
      Long last = lastChatSend.get(chatId);
      long gap = (long) (0.9 / perChatPerSecond * 1e9);
      if (last != null && now - last < gap) {
        wait = Math.max(wait, last + gap - now);
      }
    }
    if (perGroupPerMinute > 0 && chatId < 0) {
      ArrayDeque<Long> window = groupSends.computeIfAbsent(chatId, k -> new ArrayDeque<>());
      while (!window.isEmpty() && now - window.peekFirst() >= MINUTE_NANOS) {
        window.pollFirst();
      }
      if (window.size() >= perGroupPerMinute) {
        wait = Math.max(wait, window.peekFirst() + MINUTE_NANOS - now);
      }
    }
    return wait;
  }

  private void admit(long chatId, long now) {
    if (overallPerSecond > 0) {
      tokens -= 1;
    }
    if (perChatPerSecond > 0 && chatId > 0) {
      lastChatSend.put(chatId, now);
    }
    if (perGroupPerMinute > 0 && chatId < 0) {
      groupSends.computeIfAbsent(chatId, k -> new ArrayDeque<>()).addLast(now);
    }
  }

  private void refill(long now) {
    tokens = Math.min(bucketCapacity(), tokens + (now - tokensAt) / 1e9 * overallPerSecond);
    tokensAt = now;
  }

  private double bucketCapacity() {
    return Math.max(1, overallPerSecond); // below 1/s the bucket must still hold one send
  }

  private Reply getUpdates(ObjectNode params) {
    Long offset = longParam(params, "offset");
    Long limitParam = longParam(params, "limit");
    Long timeoutParam = longParam(params, "timeout");
    int limit = limitParam == null || limitParam <= 0 ? 100 : (int) Math.min(100, limitParam);
    long timeout = Math.max(0, timeoutParam == null ? 0 : timeoutParam);
    synchronized (state) {
      if (!webhookUrl.isEmpty()) {
        return failure(
            new Failure(
                409,
                "Conflict: can't use getUpdates method while webhook is active;"
                    + " use deleteWebhook to delete the webhook first",
                null,
                null));
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.min(timeout, 3600));
    ArrayNode result = JSON.createArrayNode();
    updatesLock.lock();
    try {
      if (offset != null) {
        confirm(offset);
      }
      long generation = ++pollGeneration;
      updatesChanged.signalAll(); // an older long poll is now superseded
      while (pending.isEmpty() && !closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          updatesChanged.awaitNanos(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        if (pollGeneration != generation && pending.isEmpty()) {
          return failure(
              new Failure(
                  409,
                  "Conflict: terminated by other getUpdates request;"
                      + " make sure that only one bot instance is running",
                  null,
                  null));
        }
      }
      for (ObjectNode update : pending.values()) {
        if (result.size() >= limit) {
          break;
        }
        result.add(update.deepCopy());
      }
    } finally {
      updatesLock.unlock();
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("ok", true);
    body.set("result", result);
    return new Reply(200, body);
  }

  /** Telegram's offset: forgets every update below it; a negative one keeps the last -offset. */
  private void confirm(long offset) {
    if (offset < 0) {
      int drop = (int) Math.max(0, pending.size() + offset);
      Iterator<Long> ids = pending.keySet().iterator();
      for (int i = 0; i < drop; i++) {
        confirmedBelow = Math.max(confirmedBelow, ids.next() + 1);
        ids.remove();
      }
      return;
    }
    confirmedBelow = Math.max(confirmedBelow, offset);
    pending.headMap(offset).clear();
  }

  // ---------------------------------------------------------------- request parsing

  private static ObjectNode readParams(HttpExchange exchange) throws IOException {
    ObjectNode params = JSON.createObjectNode();
    String query = exchange.getRequestURI().getRawQuery();
    if (query != null) {
      parseForm(query, params);
    }
    byte[] body = exchange.getRequestBody().readAllBytes();
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).trim();
    if (type.startsWith("multipart/form-data")) {
      parseMultipart(body, boundary(contentType), params);
    } else if (body.length == 0) {
      return params;
    } else if (type.startsWith("application/json")) {
      JsonNode node;
      try {
        node = BODY_READER.readTree(body);
      } catch (IOException e) {
        throw new BadRequest("can't parse JSON object");
      }
      if (!(node instanceof ObjectNode object)) {
        throw new BadRequest("can't parse JSON object");
      }
      params.setAll(object);
    } else if (type.startsWith("application/x-www-form-urlencoded")) {
      parseForm(new String(body, StandardCharsets.UTF_8), params);
    } else {
      throw new BadRequest("unsupported Content-Type " + contentType);
    }
    return params;
  }

  private static void parseForm(String form, ObjectNode params) {
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
        params.put(name, value);
      } catch (IllegalArgumentException e) {
        throw new BadRequest("can't parse form field " + pair);
      }
    }
  }

  private static String boundary(String contentType) {
    for (String part : contentType.split(";")) {
      String p = part.trim();
      if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
        String b = p.substring(9);
        if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
          b = b.substring(1, b.length() - 1);
        }
        if (!b.isEmpty()) {
          return b;
        }
      }
    }
    throw new BadRequest("multipart body without a boundary");
  }

  private static void parseMultipart(byte[] body, String boundary, ObjectNode params) {
    byte[] first = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    byte[] headerEnd = {'\r', '\n', '\r', '\n'};
    int pos = indexOf(body, first, 0);
    if (pos < 0) {
      throw new BadRequest("multipart body without its boundary");
    }
    pos += first.length;
    while (true) {
      if (startsWith(body, pos, (byte) '-', (byte) '-')) {
        break; // the closing delimiter
      }
      if (!startsWith(body, pos, (byte) '\r', (byte) '\n')) {
        throw new BadRequest("malformed multipart delimiter");
      }
      pos += 2;
      int headersEnd = indexOf(body, headerEnd, pos);
      if (headersEnd < 0) {
        throw new BadRequest("multipart part without headers");
      }
      String headers = new String(body, pos, headersEnd - pos, StandardCharsets.UTF_8);
      int contentStart = headersEnd + headerEnd.length;
      int contentEnd = indexOf(body, next, contentStart);
      if (contentEnd < 0) {
        throw new BadRequest("unterminated multipart part");
      }
      addPart(headers, body, contentStart, contentEnd, params);
      pos = contentEnd + next.length;
    }
    resolveAttachments(params);
  }

  /**
   * The library uploads a file as a part named after the file and sets the method's field to
   * "attach://&lt;that name&gt;", Telegram's way to refer to a part; the field gets the file here.
   */
  private static void resolveAttachments(ObjectNode params) {
    List<String> fields = new ArrayList<>();
    params.fieldNames().forEachRemaining(fields::add);
    for (String field : fields) {
      JsonNode value = params.get(field);
      if (value.isTextual() && value.asText().startsWith("attach://")) {
        JsonNode part = params.get(value.asText().substring("attach://".length()));
        if (part == null || !part.isObject()) {
          throw new BadRequest("wrong file identifier/HTTP URL specified");
        }
        params.set(field, part.deepCopy());
      }
    }
  }

  private static void addPart(String headers, byte[] body, int start, int end, ObjectNode params) {
    String name = null;
    String filename = null;
    String contentType = null;
    for (String line : headers.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String header = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (header.equalsIgnoreCase("Content-Type")) {
        contentType = value;
      } else if (header.equalsIgnoreCase("Content-Disposition")) {
        Matcher m = DISPOSITION_PARAM.matcher(value);
        while (m.find()) {
          String v = unescape(m.group(2) != null ? m.group(2) : m.group(3));
          if (m.group(1).equalsIgnoreCase("name")) {
            name = v;
          } else if (m.group(1).equalsIgnoreCase("filename")) {
            filename = v;
          }
        }
      }
    }
    if (name == null) {
      throw new BadRequest("multipart part without a name");
    }
    if (filename != null) {
      ObjectNode file = params.putObject(name);
      file.put("filename", filename);
      file.put("size", end - start);
      file.put("contentType", contentType == null ? "application/octet-stream" : contentType);
    } else {
      params.put(name, new String(body, start, end - start, StandardCharsets.UTF_8));
    }
  }

  /** OkHttp and browsers percent-encode the three characters a quoted name cannot hold. */
  private static String unescape(String quoted) {
    return quoted.replace("%22", "\"").replace("%0D", "\r").replace("%0A", "\n");
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static boolean startsWith(byte[] bytes, int at, byte a, byte b) {
    return at + 1 < bytes.length && bytes[at] == a && bytes[at + 1] == b;
  }

  private static void drain(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes(); // so the connection can be kept alive
  }

  // ---------------------------------------------------------------- parameters

  /** chat_id arrives as a JSON number, a JSON string (the library's choice) or a form field. */
  private static long chatId(ObjectNode params) {
    JsonNode node = params.get("chat_id");
    if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
      throw new BadRequest("chat_id is empty");
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.asLong();
    }
    if (node.isTextual()) {
      try {
        return Long.parseLong(node.asText().trim());
      } catch (NumberFormatException e) {
        throw new BadRequest("chat not found"); // e.g. an @username the fake does not know
      }
    }
    throw new BadRequest("chat not found");
  }

  private static Long longParam(ObjectNode params, String name) {
    JsonNode node = params.get(name);
    if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
      return null;
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.asLong();
    }
    if (node.isTextual()) {
      try {
        return Long.parseLong(node.asText().trim());
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    throw new BadRequest("invalid " + name);
  }

  private static String string(ObjectNode params, String name) {
    JsonNode node = params.get(name);
    return node == null || node.isNull() ? null : node.asText();
  }

  private static boolean bool(ObjectNode params, String name) {
    JsonNode node = params.get(name);
    return node != null && node.asBoolean(); // true or "true", as JSON and forms send it
  }

  /** The markup as raw JSON: an object in a JSON body, a string in multipart and form bodies. */
  private static String replyMarkup(ObjectNode params) {
    JsonNode node = params.get("reply_markup");
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      return node.toString();
    }
    try {
      if (!(JSON.readTree(node.asText()) instanceof ObjectNode)) {
        throw new BadRequest("can't parse reply keyboard markup JSON object");
      }
    } catch (JsonProcessingException e) {
      throw new BadRequest("can't parse reply keyboard markup JSON object");
    }
    return node.asText();
  }

  // ---------------------------------------------------------------- responses

  private ObjectNode message(
      String method,
      long chatId,
      int messageId,
      Instant at,
      String text,
      String replyMarkup,
      String fileId,
      JsonNode file) {
    ObjectNode message = JSON.createObjectNode();
    message.put("message_id", messageId);
    message.set("from", botUser());
    message.put("date", at.getEpochSecond());
    message.set("chat", chatOf(chatId));
    switch (method) {
      case "sendMessage" -> message.put("text", text);
      case "sendPhoto" -> {
        ArrayNode sizes = message.putArray("photo");
        int size = file != null && file.has("size") ? file.get("size").asInt() : 1024;
        for (int side : new int[] {90, 320}) {
          ObjectNode photo = sizes.addObject();
          photo.put("file_id", fileId + "-" + side);
          photo.put("file_unique_id", "u" + fileId + "-" + side);
          photo.put("width", side);
          photo.put("height", side);
          photo.put("file_size", size * side / 320);
        }
      }
      default -> {
        ObjectNode document = message.putObject("document");
        document.put("file_id", fileId);
        document.put("file_unique_id", "u" + fileId);
        if (file != null && file.isObject()) {
          document.put("file_name", file.path("filename").asText());
          document.put("mime_type", file.path("contentType").asText());
          document.put("file_size", file.path("size").asInt());
        }
      }
    }
    if (!method.equals("sendMessage") && text != null) {
      message.put("caption", text);
    }
    // Telegram echoes only inline keyboards on the sent message.
    if (replyMarkup != null) {
      try {
        JsonNode markup = JSON.readTree(replyMarkup);
        if (markup.has("inline_keyboard")) {
          message.set("reply_markup", markup);
        }
      } catch (JsonProcessingException e) {
        throw new BadRequest("can't parse reply keyboard markup JSON object");
      }
    }
    return message;
  }

  private ObjectNode me() {
    ObjectNode me = botUser();
    me.put("can_join_groups", true);
    me.put("can_read_all_group_messages", false);
    me.put("supports_inline_queries", false);
    return me;
  }

  private ObjectNode webhookInfo() {
    ObjectNode info = JSON.createObjectNode();
    synchronized (state) {
      info.put("url", webhookUrl);
    }
    info.put("has_custom_certificate", false);
    info.put("pending_update_count", 0);
    return info;
  }

  private ObjectNode botUser() {
    ObjectNode bot = JSON.createObjectNode();
    bot.put("id", botId);
    bot.put("is_bot", true);
    bot.put("first_name", BOT_FIRST_NAME);
    bot.put("username", BOT_USERNAME);
    return bot;
  }

  private static ObjectNode user(long userId) {
    ObjectNode user = JSON.createObjectNode();
    user.put("id", userId);
    user.put("is_bot", false);
    user.put("first_name", userName(userId));
    user.put("language_code", "en");
    return user;
  }

  private static String userName(long userId) {
    return "User" + userId;
  }

  private static ObjectNode chatOf(long chatId) {
    ObjectNode chat = JSON.createObjectNode();
    chat.put("id", chatId);
    if (chatId > 0) {
      chat.put("type", "private");
      chat.put("first_name", userName(chatId));
    } else {
      chat.put("type", chatId < SUPERGROUP_BELOW ? "supergroup" : "group");
      chat.put("title", "Group " + chatId);
    }
    return chat;
  }

  /** The numeric prefix of a real token ("123456:ABC…") is the bot's user id. */
  private static long botIdOf(String token) {
    int colon = token.indexOf(':');
    try {
      return Long.parseLong(colon < 0 ? token : token.substring(0, colon));
    } catch (NumberFormatException e) {
      return 7_000_000_001L;
    }
  }

  private static Reply ok(JsonNode result) {
    ObjectNode body = JSON.createObjectNode();
    body.put("ok", true);
    body.set("result", result);
    return new Reply(200, body);
  }

  private static Reply okTrue() {
    ObjectNode body = JSON.createObjectNode();
    body.put("ok", true);
    body.put("result", true);
    return new Reply(200, body);
  }

  private static Reply error(int code, String description) {
    return failure(new Failure(code, description, null, null));
  }

  private static Reply failure(Failure f) {
    ObjectNode body = JSON.createObjectNode();
    body.put("ok", false);
    body.put("error_code", f.code());
    body.put("description", f.description());
    if (f.retryAfter() != null || f.migrateTo() != null) {
      ObjectNode parameters = body.putObject("parameters");
      if (f.retryAfter() != null) {
        parameters.put("retry_after", f.retryAfter());
      }
      if (f.migrateTo() != null) {
        parameters.put("migrate_to_chat_id", f.migrateTo());
      }
    }
    return new Reply(f.code(), body);
  }

  private static void write(HttpExchange exchange, Reply reply) {
    try (exchange) {
      byte[] bytes = JSON.writeValueAsBytes(reply.body());
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(reply.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      // The client went away (a long poll it gave up on, or close()): nothing left to tell it.
    }
  }
}
