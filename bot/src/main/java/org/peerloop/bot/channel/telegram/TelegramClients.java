package org.peerloop.bot.channel.telegram;

import java.net.URI;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.peerloop.bot.config.PeerLoopProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/** The library's client, pointed at {@code PEERLOOP_TELEGRAM_API_URL}. */
@Configuration(proxyBeanMethods = false)
@Conditional(TelegramEnabled.class)
class TelegramClients {

  /** Long polls ask Telegram to hold a request this long when there is nothing new. */
  static final int POLL_SECONDS = 25;

  @Bean
  TelegramClient telegramClient(PeerLoopProperties properties) {
    PeerLoopProperties.Telegram t = properties.telegram();
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(10))
            .readTimeout(Duration.ofSeconds(POLL_SECONDS + 15))
            .writeTimeout(Duration.ofSeconds(30))
            .build();
    return new OkHttpTelegramClient(http, t.token().strip(), url(t.apiUrl()));
  }

  static TelegramUrl url(String apiUrl) {
    URI uri = URI.create(apiUrl.strip());
    int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    return new TelegramUrl(uri.getScheme(), uri.getHost(), port, false);
  }
}
