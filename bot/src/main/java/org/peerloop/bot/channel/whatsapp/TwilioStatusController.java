package org.peerloop.bot.channel.whatsapp;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Map;
import org.peerloop.bot.contact.ContactStore;
import org.peerloop.bot.ops.Redact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's status callbacks ({@code StatusCallback} of each message we send), signed like every
 * Twilio webhook. A callback for a message we do not know is answered 200 (Twilio would retry
 * anything else) and creates nothing.
 */
@RestController
@Conditional(WhatsAppEnabled.class)
class TwilioStatusController {

  static final String PATH = "/webhooks/twilio/status";
  private static final Logger log = LoggerFactory.getLogger(TwilioStatusController.class);

  private final Signatures signatures;
  private final Statuses statuses;
  private final ContactStore contacts;
  private final Clock clock;

  TwilioStatusController(
      Signatures signatures, Statuses statuses, ContactStore contacts, Clock clock) {
    this.signatures = signatures;
    this.statuses = statuses;
    this.contacts = contacts;
    this.clock = clock;
  }

  @PostMapping(PATH)
  ResponseEntity<String> status(HttpServletRequest request) {
    Map<String, String> form = signatures.verified(request, PATH);
    if (form == null) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).body("forbidden");
    }
    String sid = form.get("MessageSid");
    String status = form.get("MessageStatus");
    if (sid == null || status == null) {
      return ResponseEntity.badRequest().body("MessageSid and MessageStatus are required");
    }
    String error = form.get("ErrorCode");
    Statuses.Moved moved =
        statuses.update(
            sid, status.strip().toLowerCase(java.util.Locale.ROOT), error, clock.instant());
    if (moved == Statuses.Moved.UNKNOWN) {
      log.info("twilio status {} for a message we do not know: {}", status, Redact.id(sid));
    } else if (String.valueOf(TwilioFailures.UNSUBSCRIBED).equals(error)) {
      // The person opted out with WhatsApp itself: stop, as if they had sent STOP to us.
      statuses.find(sid).map(d -> d.getString("contact")).ifPresent(c -> contacts.gone(c, "21610"));
    }
    return ResponseEntity.ok("");
  }
}
