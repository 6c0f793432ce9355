package org.peerloop.bot.channel.whatsapp;

import com.twilio.http.TwilioRestClient;
import java.net.URI;
import org.peerloop.bot.config.PeerLoopProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The SDK's client with our account, never the SDK's static {@code Twilio.init}: sent to {@code
 * PEERLOOP_TWILIO_API_URL} when that is not Twilio itself (tests' fake, a proxy).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(WhatsAppEnabled.class)
class TwilioClients {

  @Bean
  TwilioRestClient twilioRestClient(PeerLoopProperties properties) {
    PeerLoopProperties.Twilio t = properties.twilio();
    TwilioRestClient.Builder b =
        new TwilioRestClient.Builder(t.accountSid().strip(), t.authToken().strip());
    String api = t.apiUrl() == null ? "" : t.apiUrl().strip();
    String host = api.isEmpty() ? "" : URI.create(api).getHost();
    if (host != null
        && !host.isEmpty()
        && !host.equals("twilio.com")
        && !host.endsWith(".twilio.com")) {
      b.httpClient(new HostRewritingHttpClient(api));
    }
    return b.build();
  }
}
