package org.peerloop.bot.broadcast;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a broadcast must be before it is drafted. Each refusal has a text key (the chat says it in
 * the author's language) and an English sentence (the admin API's error).
 */
public final class BroadcastRules {

  /**
   * Longer than this is refused: Telegram takes 4,096 characters in a message, the heading and link
   * take some, and a key message people read on a phone should be short anyway. WhatsApp's 1,600 is
   * met by splitting at paragraph, line or word boundaries.
   */
  static final int MAX_TEXT = 3_500;

  static final int MAX_LINK = 500;
  static final Duration FURTHEST = Duration.ofDays(90);

  /** A refusal: {@code key} names the text, {@code values} fill it, {@code english} for the API. */
  public record Problem(String key, Map<String, String> values, String english) {}

  private BroadcastRules() {}

  static List<Problem> check(String text, String link) {
    List<Problem> out = new ArrayList<>();
    if (text == null || text.isBlank()) {
      out.add(new Problem("broadcast-empty", Map.of(), "\"text\" is empty"));
    } else if (text.strip().length() > MAX_TEXT) {
      out.add(
          new Problem(
              "broadcast-too-long",
              Map.of(
                  "limit",
                  String.format(Locale.ROOT, "%,d", MAX_TEXT),
                  "length",
                  String.format(Locale.ROOT, "%,d", text.strip().length())),
              "\"text\" has "
                  + text.strip().length()
                  + " characters; a key message may have at most "
                  + MAX_TEXT));
    }
    if (link != null && !link.isBlank() && !isWebLink(link.strip())) {
      out.add(
          new Problem(
              "broadcast-bad-link",
              Map.of(),
              "\"link\" must be a web address starting with http:// or https://"));
    }
    return out;
  }

  static boolean isWebLink(String link) {
    if (link.length() > MAX_LINK || link.chars().anyMatch(Character::isWhitespace)) {
      return false;
    }
    try {
      URI u = new URI(link);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https"))
          && u.getHost() != null
          && !u.getHost().isBlank();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** A scheduled time must lie ahead (where the partnership is) and within 90 days. */
  static List<Problem> checkTime(SendAt at, ZoneId zone, Instant now) {
    Instant moment =
        at instanceof SendAt.At a
            ? a.instant()
            : ((SendAt.Local) at).time().atZone(zone).toInstant();
    if (!moment.isAfter(now)) {
      return List.of(new Problem("broadcast-past", Map.of(), "\"sendAt\" must be in the future"));
    }
    if (moment.isAfter(now.plus(FURTHEST))) {
      return List.of(
          new Problem("broadcast-too-far", Map.of(), "\"sendAt\" may be at most 90 days ahead"));
    }
    return List.of();
  }
}
