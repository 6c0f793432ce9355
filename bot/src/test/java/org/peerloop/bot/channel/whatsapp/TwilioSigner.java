package org.peerloop.bot.channel.whatsapp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook the way Twilio does, so tests can post inbound messages and status callbacks that
 * the app's signature check accepts (or, with a wrong token, refuses).
 *
 * <p>Twilio's {@code X-Twilio-Signature}: the full URL Twilio called (query string included,
 * exactly as configured), then every POST parameter's name followed by its value, names in sorted
 * order with nothing between them; HMAC-SHA1 of that, keyed with the account's auth token, in
 * Base64. A name that repeats contributes each of its distinct values, sorted, as the Python and
 * Node helpers do (Twilio's own webhooks never repeat a name: media come as MediaUrl0, MediaUrl1…).
 * Names and values are sorted by {@link String#compareTo}, as the Java and Node helpers sort.
 */
public final class TwilioSigner {

  static final String HEADER = "X-Twilio-Signature";

  private TwilioSigner() {}

  public static String sign(String authToken, String url, Map<String, List<String>> params) {
    StringBuilder data = new StringBuilder(url);
    for (Map.Entry<String, List<String>> param : new TreeMap<>(params).entrySet()) {
      for (String value : new TreeSet<>(param.getValue())) {
        data.append(param.getKey()).append(value);
      }
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      byte[] digest = mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
    }
  }

  /** The same parameters as an application/x-www-form-urlencoded body, in the map's order. */
  static String formBody(Map<String, List<String>> params) {
    List<String> pairs = new ArrayList<>();
    for (Map.Entry<String, List<String>> param : params.entrySet()) {
      String name = URLEncoder.encode(param.getKey(), StandardCharsets.UTF_8);
      for (String value : param.getValue()) {
        pairs.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
      }
    }
    return String.join("&", pairs);
  }
}
