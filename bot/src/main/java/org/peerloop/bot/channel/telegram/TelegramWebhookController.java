package org.peerloop.bot.channel.telegram;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.peerloop.bot.config.PeerLoopProperties;
import org.peerloop.bot.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Telegram's webhook. Only requests carrying our secret (Telegram echoes it in {@code
 * X-Telegram-Bot-Api-Secret-Token}) are read; the body is parsed by hand with Jackson 2 (see {@link
 * TelegramJson}). 200 means the update and its effects are durable: anything else makes Telegram
 * send it again.
 */
@RestController
@Conditional(TelegramEnabled.class)
class TelegramWebhookController {

  static final String PATH = "/webhooks/telegram";
  static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
  static final int MAX_BODY = 1 << 20;

  private static final Logger log = LoggerFactory.getLogger(TelegramWebhookController.class);

  private final TelegramInbound inbound;
  private final byte[] secret;

  TelegramWebhookController(TelegramInbound inbound, PeerLoopProperties properties) {
    this.inbound = inbound;
    String s = properties.telegram().webhookSecret();
    // No secret configured (polling mode): nothing can match, every request is refused.
    this.secret = s == null || s.isBlank() ? null : s.strip().getBytes(StandardCharsets.UTF_8);
  }

  @PostMapping(PATH)
  ResponseEntity<Map<String, Object>> receive(
      @RequestHeader(name = SECRET_HEADER, required = false) String given,
      HttpServletRequest request)
      throws IOException {
    if (!authentic(given)) {
      // Checked before the body is read: a forger cannot make us buffer anything.
      return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "forbidden"));
    }
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    if (body.length == 0) {
      return ResponseEntity.badRequest().body(Map.of("error", "empty body"));
    }
    if (body.length > MAX_BODY) {
      return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
          .body(Map.of("error", "body too large"));
    }
    Update update;
    try {
      update = TelegramJson.update(body);
    } catch (IllegalArgumentException e) {
      return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }
    try {
      inbound.handle(update);
    } catch (StoreUnavailableException | com.mongodb.MongoException e) {
      // Not stored (an external MongoDB's timeout, say): Telegram sends it again.
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .body(Map.of("error", "store unavailable; retry"));
    } catch (RuntimeException e) {
      // A bug on one update must not make Telegram retry it forever and stall the chat.
      log.error("telegram update {} could not be handled", update.getUpdateId(), e);
    }
    return ResponseEntity.ok().build();
  }

  private boolean authentic(String given) {
    return secret != null
        && given != null
        && MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8));
  }
}
