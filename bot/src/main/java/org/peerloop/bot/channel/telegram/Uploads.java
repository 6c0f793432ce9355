package org.peerloop.bot.channel.telegram;

import java.util.Set;

/**
 * How a file goes to Telegram: PNG and JPEG pictures small enough for {@code sendPhoto} show in the
 * chat (Telegram recompresses them, fine for a chart); everything else is a {@code sendDocument}
 * the person downloads as it was. A text short enough for a caption rides with the file; a longer
 * one goes first, as messages of its own.
 */
final class Uploads {

  /** Telegram's limit on a photo's caption. */
  static final int CAPTION_LIMIT = 1024;

  /** Telegram's "at most 10 MB" for sendPhoto, read as decimal megabytes to stay under it. */
  static final long PHOTO_LIMIT = 10_000_000L;

  private static final Set<String> PHOTO_TYPES = Set.of("image/png", "image/jpeg");

  private Uploads() {}

  static boolean asPhoto(String mediaType, long bytes) {
    return PHOTO_TYPES.contains(mediaType) && bytes <= PHOTO_LIMIT;
  }

  /** The caption for the file: the text when it fits, else none (the text is sent before it). */
  static String caption(String text) {
    return text != null && !text.isBlank() && text.length() <= CAPTION_LIMIT ? text : null;
  }

  /** True when the text needs no message of its own: none, or short enough to be the caption. */
  static boolean fitsCaption(String text) {
    return text == null || text.isBlank() || text.length() <= CAPTION_LIMIT;
  }
}
