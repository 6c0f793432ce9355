package org.peerloop.bot.channel.whatsapp;

import java.util.List;
import java.util.Map;
import org.peerloop.bot.config.InvalidConfigurationException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * WhatsApp's own settings ({@code peerloop.whatsapp.*}; the account itself is {@code
 * peerloop.twilio.*}).
 *
 * @param templates approved templates' Content SIDs ({@code HX…}) by template key ({@code checkin},
 *     {@code health}, {@code reflect}, {@code reminder}, {@code key-message}, {@code summary},
 *     {@code generic}) and language: {@code peerloop.whatsapp.templates.checkin.sw=HX…}
 * @param quickReply Content SIDs of in-session quick-reply contents with 1, 2 and 3 buttons ({@code
 *     peerloop.whatsapp.quick-reply.2=HX…}); without them choices are numbered text
 * @param mediaMaxBytes the largest file kept from a person
 * @param mediaTypes the kinds of file kept (voice notes, photos, short videos, PDFs)
 * @param mediaPerSecond sends with a file per second, below the text rate
 */
@ConfigurationProperties("peerloop.whatsapp")
record WhatsAppProperties(
    @DefaultValue Map<String, Map<String, String>> templates,
    @DefaultValue Map<String, String> quickReply,
    @DefaultValue("10485760") long mediaMaxBytes,
    @DefaultValue({
          "audio/ogg",
          "audio/mpeg",
          "audio/mp4",
          "audio/amr",
          "audio/aac",
          "image/jpeg",
          "image/png",
          "image/webp",
          "video/mp4",
          "application/pdf"
        })
        List<String> mediaTypes,
    @DefaultValue("2") double mediaPerSecond) {

  /** The most a file may weigh: what the attachments store takes. */
  static final long MAX_MEDIA_BYTES = 45L * 1024 * 1024;

  WhatsAppProperties {
    List<String> problems = new java.util.ArrayList<>();
    templates.forEach(
        (key, byLanguage) ->
            byLanguage.forEach(
                (language, sid) -> {
                  if (!contentSid(sid)) {
                    problems.add(
                        "peerloop.whatsapp.templates."
                            + key
                            + "."
                            + language
                            + " must be a Content SID (HX followed by 32 hex digits)");
                  }
                }));
    quickReply.forEach(
        (n, sid) -> {
          if (!List.of("1", "2", "3").contains(n)) {
            problems.add("peerloop.whatsapp.quick-reply." + n + ": only 1, 2 and 3 buttons exist");
          } else if (!contentSid(sid)) {
            problems.add(
                "peerloop.whatsapp.quick-reply."
                    + n
                    + " must be a Content SID (HX followed by 32 hex digits)");
          }
        });
    if (mediaMaxBytes < 1 || mediaMaxBytes > MAX_MEDIA_BYTES) {
      problems.add("peerloop.whatsapp.media-max-bytes must be between 1 and " + MAX_MEDIA_BYTES);
    }
    if (!(mediaPerSecond > 0)) {
      problems.add("peerloop.whatsapp.media-per-second must be above 0");
    }
    if (!problems.isEmpty()) {
      throw InvalidConfigurationException.of(problems);
    }
  }

  private static boolean contentSid(String sid) {
    return sid != null && sid.strip().matches("HX[0-9a-fA-F]{32}");
  }

  /** An approved template: its Content SID and the key it was configured under. */
  record Template(String sid, String key) {}

  /**
   * The template for {@code key} in {@code language}, else in English, else the generic one in that
   * order; null when none is configured.
   */
  Template template(String key, String language) {
    for (String k : List.of(key, "generic")) {
      Map<String, String> byLanguage = templates.getOrDefault(k, Map.of());
      String sid = byLanguage.get(language);
      if (sid == null || sid.isBlank()) {
        sid = byLanguage.get("en");
      }
      if (sid != null && !sid.isBlank()) {
        return new Template(sid.strip(), k);
      }
    }
    return null;
  }

  String quickReply(int buttons) {
    String sid = quickReply.get(String.valueOf(buttons));
    return sid == null || sid.isBlank() ? null : sid.strip();
  }

  boolean keeps(String contentType) {
    String base = contentType == null ? "" : contentType.split(";")[0].strip();
    return mediaTypes.contains(base);
  }
}
