package org.peerloop.bot.channel.whatsapp;

import com.twilio.security.RequestValidator;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import org.peerloop.bot.config.PeerLoopProperties;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Checks {@code X-Twilio-Signature} with the SDK's {@link RequestValidator}: an HMAC-SHA1, keyed
 * with the auth token, of the URL Twilio called (ours as configured: {@code PEERLOOP_PUBLIC_URL} +
 * path, since behind a proxy the request's own URL is not what Twilio saw) and the sorted form
 * parameters.
 */
@Component
@Conditional(WhatsAppEnabled.class)
class Signatures {

  static final String HEADER = "X-Twilio-Signature";

  private final RequestValidator validator;
  private final String base;

  Signatures(PeerLoopProperties properties) {
    this.validator = new RequestValidator(properties.twilio().authToken().strip());
    this.base =
        properties.publicUrl() == null ? "" : properties.publicUrl().strip().replaceAll("/+$", "");
  }

  /** The form's parameters (first value of each) when the signature is right, else null. */
  Map<String, String> verified(HttpServletRequest request, String path) {
    String signature = request.getHeader(HEADER);
    if (signature == null || signature.isBlank() || base.isEmpty()) {
      return null;
    }
    Map<String, String> form = new HashMap<>();
    request.getParameterMap().forEach((k, v) -> form.put(k, v.length == 0 ? "" : v[0]));
    String query = request.getQueryString();
    if (query != null) {
      // The servlet mixes the query's parameters in; Twilio signs them as part of the URL only.
      for (String pair : query.split("&")) {
        String name = pair.split("=", 2)[0];
        form.remove(java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    String url =
        base + path + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    return validator.validate(url, form, signature.strip()) ? form : null;
  }
}
