package org.peerloop.bot.outbox;

import java.util.Optional;

/**
 * The bytes behind a file a person sent, by the reference their answer holds ({@code
 * telegram-file:…}, {@code twilio-media:…}): each channel that receives files implements it, so
 * that a file a facilitator sent can go out again with a key message on every channel.
 */
public interface InboundFiles {

  /** A file as received: name (may be a made-up one), media type and content. */
  record File(String name, String mediaType, byte[] content) {}

  boolean handles(String reference);

  /** The file, or empty when it cannot be had (gone, too large, the platform refused). */
  Optional<File> fetch(String reference);
}
