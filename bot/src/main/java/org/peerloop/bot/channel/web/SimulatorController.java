package org.peerloop.bot.channel.web;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.peerloop.bot.conversation.ConversationService;
import org.peerloop.bot.conversation.InboundMessage;
import org.peerloop.bot.store.StoreUnavailableException;
import org.peerloop.content.engine.Input;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web simulator's API (pinned): a person posts text or a button payload, and long-polls the
 * transcript. The message goes through the same conversation service as every channel; 202 means it
 * and its effects are durable.
 */
@RestController
@RequestMapping("/api/v1/sim/{user}/messages")
@ConditionalOnProperty(name = "peerloop.simulator", havingValue = "true", matchIfMissing = true)
class SimulatorController {

  static final Pattern USER = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
  static final int MAX_TEXT = 4096;
  static final int MAX_WAIT_SECONDS = 30;

  private final ConversationService conversations;
  private final WebTranscripts transcripts;
  private final JsonMapper json;
  private final Clock clock;

  SimulatorController(
      ConversationService conversations, WebTranscripts transcripts, JsonMapper json, Clock clock) {
    this.conversations = conversations;
    this.transcripts = transcripts;
    this.json = json;
    this.clock = clock;
  }

  @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> post(
      @PathVariable String user, @RequestBody(required = false) String body) {
    requireUser(user);
    JsonNode node = parse(body);
    String text = field(node, "text");
    String payload = field(node, "payload");
    String id = field(node, "id");
    if ((text == null) == (payload == null)) {
      throw new BadRequest("send either \"text\" or \"payload\"");
    }
    if (id != null && (id.isEmpty() || id.length() > 100)) {
      throw new BadRequest("\"id\" must be 1 to 100 characters");
    }
    Input input;
    String shown;
    if (text != null) {
      String clean = Texts.clean(text);
      if (clean.length() > MAX_TEXT) {
        throw new BadRequest("text is longer than " + MAX_TEXT + " characters");
      }
      input = new Input.Text(clean);
      shown = clean;
    } else {
      if (payload.length() > 64) {
        throw new BadRequest("payload is longer than 64 characters");
      }
      input = new Input.Tap(payload);
      shown = transcripts.labelOf(user, payload);
    }
    if (!transcripts.fromUser(user, id, shown)) {
      return accepted(); // a retried post with the same id: already handled
    }
    conversations.receive(new InboundMessage(WebSender.CHANNEL, user, id, input, clock.instant()));
    return accepted();
  }

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  DeferredResult<Map<String, Object>> get(
      @PathVariable String user,
      @RequestParam(defaultValue = "0") long after,
      @RequestParam(defaultValue = "0") int wait) {
    requireUser(user);
    int seconds = Math.max(0, Math.min(MAX_WAIT_SECONDS, wait));
    DeferredResult<Map<String, Object>> result =
        new DeferredResult<>(seconds * 1000L + 1000L, () -> page(user, List.of()));
    Consumer<List<WebTranscripts.Message>> waiter =
        seconds == 0 ? null : m -> result.setResult(page(user, m));
    List<WebTranscripts.Message> newer = transcripts.after(user, after, waiter);
    if (!newer.isEmpty() || waiter == null) {
      result.setResult(page(user, newer));
    } else {
      result.onTimeout(() -> transcripts.cancel(user, waiter));
      result.onCompletion(() -> transcripts.cancel(user, waiter));
    }
    return result;
  }

  private static Map<String, Object> page(String user, List<WebTranscripts.Message> messages) {
    return Map.of("messages", messages.stream().map(m -> message(user, m)).toList());
  }

  /** The pinned fields, and {@code file} only when the message has one. */
  private static Map<String, Object> message(String user, WebTranscripts.Message m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("seq", m.seq());
    out.put("from", m.from());
    out.put("text", m.text());
    out.put(
        "buttons",
        m.buttons().stream().map(b -> Map.of("label", b.label(), "payload", b.payload())).toList());
    if (m.file() != null) {
      out.put(
          "file",
          Map.of("name", m.file().fileName(), "url", SimulatorFiles.url(user, m.file().id())));
    }
    return out;
  }

  private JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      throw new BadRequest("the body must be a JSON object");
    }
    try {
      JsonNode node = json.readTree(body);
      if (node == null || !node.isObject()) {
        throw new BadRequest("the body must be a JSON object");
      }
      return node;
    } catch (JacksonException e) {
      throw new BadRequest("the body is not valid JSON");
    }
  }

  private static String field(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      throw new BadRequest("\"" + name + "\" must be a string");
    }
    return value.asString();
  }

  private static void requireUser(String user) {
    if (!USER.matcher(user).matches()) {
      throw new BadRequest(
          "user must be 1 to 32 of a-z, 0-9, - and _, starting with a letter or digit");
    }
  }

  private static ResponseEntity<Map<String, Object>> accepted() {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("accepted", true));
  }

  static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message, null, false, false);
    }
  }

  @ExceptionHandler(BadRequest.class)
  ResponseEntity<Map<String, Object>> badRequest(BadRequest e) {
    return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
  }

  @ExceptionHandler(StoreUnavailableException.class)
  ResponseEntity<Map<String, Object>> unavailable(StoreUnavailableException e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .body(Map.of("error", "the store is not available; please try again"));
  }
}
