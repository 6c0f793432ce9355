package org.peerloop.bot.outbox;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Pacing per channel ({@code peerloop.outbox.channels.<name>.*}): messages per second overall and
 * per chat, messages per minute per group chat (0 = unlimited), and sender threads. Retries back
 * off from {@code retryBase} doubling up to {@code retryMax}, at most {@code maxAttempts} times.
 */
@ConfigurationProperties("peerloop.outbox")
public record OutboxProperties(
    @DefaultValue Map<String, Pacing> channels,
    @DefaultValue("1s") Duration retryBase,
    @DefaultValue("5m") Duration retryMax,
    @DefaultValue("8") int maxAttempts,
    @DefaultValue("30d") Duration keepSent) {

  public record Pacing(
      @DefaultValue("0") double perSecond,
      @DefaultValue("0") double perChatPerSecond,
      @DefaultValue("0") double perGroupPerMinute,
      @DefaultValue("4") int workers) {}

  Pacing pacing(String channel) {
    return channels.getOrDefault(channel, new Pacing(0, 0, 0, 4));
  }
}
