package org.peerloop.bot.channel.whatsapp;

import java.time.Instant;
import java.util.Map;
import org.peerloop.bot.conversation.InboundMessage;
import org.peerloop.content.engine.Input;

/**
 * A Twilio incoming-message webhook (its form parameters) → a channel-neutral message. A pure
 * function, tested with a table of real payloads. Redeliveries are recognised by {@code
 * MessageSid}, which Twilio keeps when it retries (or, without one, its idempotency token).
 *
 * <p>A quick-reply or list tap arrives as {@code ButtonPayload} (the id we gave the button) or
 * {@code ListId}: that is the tap's payload. A file arrives as {@code MediaUrl0} with {@code
 * MediaContentType0}; we name it {@code twilio-media:<MessageSid>/0} and fetch it ourselves.
 */
final class TwilioForm {

  static final String CHANNEL = "whatsapp";
  static final String PREFIX = "whatsapp:";

  /** Longer texts are cut, not refused: WhatsApp itself allows 4,096 characters. */
  static final int MAX_TEXT = 4096;

  private TwilioForm() {}

  static Received translate(Map<String, String> form, String idempotencyToken, Instant at) {
    String from = value(form, "From");
    if (from == null) {
      return new Received.Invalid("no From");
    }
    String address = from.startsWith(PREFIX) ? from.substring(PREFIX.length()) : from;
    if (!address.matches("\\+?[0-9]{6,16}")) {
      return new Received.Invalid("From is not a WhatsApp number");
    }
    if (!address.startsWith("+")) {
      address = "+" + address;
    }
    String sid = value(form, "MessageSid");
    if (sid == null) {
      sid = value(form, "SmsMessageSid");
    }
    String id = sid != null ? sid : idempotencyToken;
    String payload = value(form, "ButtonPayload");
    if (payload == null) {
      payload = value(form, "ListId");
    }
    String body = value(form, "Body");
    int count = count(value(form, "NumMedia"));
    Received.IncomingMedia media = null;
    if (count > 0 && value(form, "MediaUrl0") != null) {
      String type = value(form, "MediaContentType0");
      media =
          new Received.IncomingMedia(
              "twilio-media:" + (id == null ? "unknown" : id) + "/0",
              value(form, "MediaUrl0"),
              type == null ? "application/octet-stream" : type.toLowerCase(java.util.Locale.ROOT),
              count);
    }
    Input input;
    if (payload != null) {
      input = new Input.Tap(payload);
    } else if (body != null && !body.isBlank()) {
      input = new Input.Text(body.length() > MAX_TEXT ? body.substring(0, MAX_TEXT) : body);
    } else if (media != null) {
      input = new Input.Media(media.reference(), media.contentType());
    } else {
      return new Received.Nothing("neither text nor media");
    }
    return new Received.Message(new InboundMessage(CHANNEL, address, id, input, at), media);
  }

  private static int count(String numMedia) {
    try {
      return numMedia == null ? 0 : Math.max(0, Integer.parseInt(numMedia.strip()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String value(Map<String, String> form, String key) {
    String v = form.get(key);
    return v == null || v.isEmpty() ? null : v;
  }
}
