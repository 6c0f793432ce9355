package org.peerloop.bot.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every operator setting, bound from {@code peerloop.*}. The environment variable names in
 * application.properties ({@code PEERLOOP_MONGODB_URI} …) are the public contract; the checks in
 * {@link ConfigurationCheck} name those variables so an operator knows exactly what to fix.
 */
@ConfigurationProperties("peerloop")
public record PeerLoopProperties(
    String mongodbUri,
    @DefaultValue("./data") Path dataDir,
    boolean fsync,
    String adminToken,
    String publicUrl,
    @DefaultValue("true") boolean simulator,
    Boolean demo,
    @DefaultValue Store store,
    @DefaultValue Telegram telegram,
    @DefaultValue Twilio twilio) {

  public PeerLoopProperties {
    ConfigurationCheck.requireValid(
        mongodbUri, dataDir, adminToken, publicUrl, store, telegram, twilio);
  }

  /** True when no MongoDB URI is configured and the app runs its own embedded store. */
  public boolean embedded() {
    return mongodbUri == null || mongodbUri.isBlank();
  }

  /** The demo partnership is on by default only with the embedded store. */
  public boolean demoEnabled() {
    return demo != null ? demo : embedded();
  }

  /**
   * Tuning of the embedded store. {@code memory} keeps everything in RAM (tests only); {@code
   * cacheMb} 0 means "size the cache from the data"; {@code autoCommitMs} is the MVStore's
   * background commit interval, the loss window for writes that never asked to be durable.
   */
  public record Store(
      boolean memory,
      @DefaultValue("0") int cacheMb,
      @DefaultValue("1000") int autoCommitMs,
      @DefaultValue("peerloop") String database) {}

  public record Telegram(
      String token,
      @DefaultValue("https://api.telegram.org") String apiUrl,
      @DefaultValue("polling") String mode,
      String webhookSecret) {

    public boolean enabled() {
      return token != null && !token.isBlank();
    }
  }

  public record Twilio(
      String accountSid,
      String authToken,
      String from,
      @DefaultValue("https://api.twilio.com") String apiUrl) {

    public boolean enabled() {
      return accountSid != null && !accountSid.isBlank();
    }
  }
}
