package org.peerloop.bot.conversation;

import java.time.Instant;
import org.peerloop.content.engine.Input;

/**
 * What a channel hands in, with nothing of the platform left: who (channel + address), the
 * platform-unique id used to drop redeliveries ({@code update_id}, {@code MessageSid}, a client id
 * on the web; null when the channel has none), and what they sent (text, a button tap, media).
 */
public record InboundMessage(
    String channel, String address, String platformId, Input input, Instant receivedAt) {

  public InboundMessage {
    if (!(input instanceof Input.Text
        || input instanceof Input.Tap
        || input instanceof Input.Media)) {
      throw new IllegalArgumentException("a person sends text, a tap or media, not " + input);
    }
  }

  /** The key that identifies this message among everything the contact ever sent. */
  String key() {
    return channel + ":" + platformId;
  }
}
