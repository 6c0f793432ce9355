package org.peerloop.bot.broadcast;

import java.util.Locale;
import java.util.Set;

/**
 * What WhatsApp (through Twilio) carries as media: images up to 5 MB, other media up to 16 MB, of
 * the kinds it shows (twilio.com/docs/whatsapp/guidance-whatsapp-media-messages). A key message's
 * file is checked before the draft, so that no WhatsApp recipient fails on it after the confirm.
 */
final class FileRules {

  static final long IMAGE_BYTES = 5L * 1024 * 1024;
  static final long MEDIA_BYTES = 16L * 1024 * 1024;

  private static final Set<String> DOCUMENTS =
      Set.of(
          "application/pdf",
          "text/plain",
          "application/msword",
          "application/vnd.ms-excel",
          "application/vnd.ms-powerpoint",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "application/vnd.openxmlformats-officedocument.presentationml.presentation");

  private FileRules() {}

  static boolean whatsAppCarries(String mediaType, long bytes) {
    String t = mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT);
    if (t.equals("image/jpeg") || t.equals("image/png")) {
      return bytes <= IMAGE_BYTES;
    }
    boolean known =
        DOCUMENTS.contains(t)
            || t.startsWith("audio/")
            || t.equals("video/mp4")
            || t.equals("video/3gpp");
    return known && bytes <= MEDIA_BYTES;
  }
}
