package org.peerloop.bot.channel.whatsapp;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Map;
import org.peerloop.bot.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's incoming-message webhook. Only correctly signed requests are read. 200 with empty TwiML
 * means the message and its effects are durable (replies go through the outbox, never in the
 * TwiML): well within Twilio's 15 seconds, since nothing here waits on the network.
 */
@RestController
@Conditional(WhatsAppEnabled.class)
class TwilioWebhookController {

  static final String PATH = "/webhooks/twilio/messages";
  static final String IDEMPOTENCY = "I-Twilio-Idempotency-Token";
  static final String EMPTY_TWIML =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

  private static final Logger log = LoggerFactory.getLogger(TwilioWebhookController.class);

  private final Signatures signatures;
  private final WhatsAppInbound inbound;
  private final Clock clock;

  TwilioWebhookController(Signatures signatures, WhatsAppInbound inbound, Clock clock) {
    this.signatures = signatures;
    this.inbound = inbound;
    this.clock = clock;
  }

  @PostMapping(PATH)
  ResponseEntity<String> receive(HttpServletRequest request) {
    Map<String, String> form = signatures.verified(request, PATH);
    if (form == null) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN)
          .contentType(MediaType.TEXT_PLAIN)
          .body("forbidden");
    }
    Received r = TwilioForm.translate(form, request.getHeader(IDEMPOTENCY), clock.instant());
    if (r instanceof Received.Invalid invalid) {
      return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(invalid.why());
    }
    if (r instanceof Received.Message message) {
      try {
        inbound.handle(message);
      } catch (StoreUnavailableException | com.mongodb.MongoException e) {
        // Not stored: Twilio is asked to send it again rather than told it arrived.
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
            .contentType(MediaType.TEXT_PLAIN)
            .body("store unavailable; retry");
      } catch (RuntimeException e) {
        // A bug on one message must not make Twilio retry it forever.
        log.error("whatsapp message could not be handled", e);
      }
    }
    return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(EMPTY_TWIML);
  }
}
