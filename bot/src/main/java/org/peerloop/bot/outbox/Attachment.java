package org.peerloop.bot.outbox;

import java.util.Objects;

/**
 * A file that goes with an outbound message: {@code key} names the bytes stored by {@link
 * Attachments} (never a path a caller chose), {@code fileName} is what the person sees, {@code
 * mediaType} tells a channel how to show it (a PNG can go as a photo). Only the reference travels
 * through the outbox; the bytes stay on disk.
 */
public record Attachment(String key, String fileName, String mediaType) {

  public Attachment {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(mediaType, "mediaType");
  }

  /** The file's own id, unique across people: the part of the key after the person's folder. */
  public String id() {
    return key.substring(key.lastIndexOf('/') + 1);
  }
}
