package org.peerloop.bot.channel.whatsapp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.peerloop.bot.config.PeerLoopProperties;
import org.peerloop.bot.outbox.Attachment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Signed, short-lived links to a file we send: Twilio fetches a message's media from a public URL,
 * so a file leaves through {@code /webhooks/twilio/files/<token>}, whose token names the file and
 * an expiry under an HMAC. Nobody can list files or forge a link to another person's.
 */
@Component
@Conditional(WhatsAppEnabled.class)
final class FileLinks {

  static final String PATH = "/webhooks/twilio/files/";
  static final Duration LIFETIME = Duration.ofHours(2);

  private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODE = Base64.getUrlDecoder();
  private final byte[] key;

  @Autowired
  FileLinks(PeerLoopProperties properties) {
    this(properties.twilio().authToken().strip());
  }

  FileLinks(String secret) {
    this.key = ("peerloop-files:" + secret).getBytes(StandardCharsets.UTF_8);
  }

  String token(Attachment a, Instant now) {
    String payload =
        a.key()
            + "\n"
            + a.fileName()
            + "\n"
            + a.mediaType()
            + "\n"
            + now.plus(LIFETIME).getEpochSecond();
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return ENCODE.encodeToString(bytes) + "." + ENCODE.encodeToString(mac(bytes));
  }

  /** The file a token names, when it is genuine and not expired. */
  Optional<Attachment> read(String token, Instant now) {
    try {
      String[] parts = token.split("\\.");
      if (parts.length != 2) {
        return Optional.empty();
      }
      byte[] payload = DECODE.decode(parts[0]);
      if (!MessageDigest.isEqual(mac(payload), DECODE.decode(parts[1]))) {
        return Optional.empty();
      }
      String[] f = new String(payload, StandardCharsets.UTF_8).split("\n");
      if (f.length != 4 || now.getEpochSecond() > Long.parseLong(f[3])) {
        return Optional.empty();
      }
      return Optional.of(new Attachment(f[0], f[1], f[2]));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // not base64, not a number, not a valid attachment
    }
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
