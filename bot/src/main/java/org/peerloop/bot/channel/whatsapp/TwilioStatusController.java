package org.peerloop.bot.channel.whatsapp;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Map;
import org.peerloop.bot.contact.ContactStore;
import org.peerloop.bot.ops.Redact;
import org.peerloop.bot.outbox.OutboundMessage;
import org.peerloop.bot.outbox.Outbox;
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
  private final Sessions sessions;
  private final Outbox outbox;

  TwilioStatusController(
      Signatures signatures,
      Statuses statuses,
      ContactStore contacts,
      Sessions sessions,
      Outbox outbox,
      Clock clock) {
    this.sessions = sessions;
    this.outbox = outbox;
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
    } else if (moved == Statuses.Moved.MOVED
        && String.valueOf(TwilioFailures.OUTSIDE_WINDOW).equals(error)) {
      outsideWindow(sid);
    }
    return ResponseEntity.ok("");
  }

  /**
   * Twilio accepted a free text and WhatsApp then refused it (63016: the person's window had
   * closed). The window is marked closed and the message goes again, once (the outbox takes an id
   * once), now held behind a template.
   */
  private void outsideWindow(String sid) {
    // Closed only if the person has not written since we sent it: a newer message of theirs
    // opened the window again.
    statuses
        .find(sid)
        .filter(
            d -> {
              java.time.Instant last = sessions.find(d.getString("contact")).lastInbound();
              return last == null || !last.isAfter(d.getDate("at").toInstant());
            })
        .map(d -> d.getString("contact"))
        .ifPresent(sessions::closed);
    statuses
        .outbound(sid)
        .ifPresent(
            m ->
                outbox.send(
                    java.util.List.of(
                        new OutboundMessage(
                            m.id() + "|63016",
                            m.to(),
                            m.text(),
                            m.buttons(),
                            m.priority(),
                            m.source(),
                            clock.instant(),
                            m.attachment()))));
  }
}
