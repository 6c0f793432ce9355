package org.peerloop.bot.outbox;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Makes the names and media types features give attachments safe to hand to a platform and to a
 * browser: a name is only ever shown, never used as a path, but a person saves it under that name.
 */
final class FileNames {

  static final int MAX_NAME = 100;
  static final String FALLBACK_NAME = "file";
  static final String DEFAULT_TYPE = "application/octet-stream";
  // RFC 6838 type and subtype names, without parameters: the type ends up in a Content-Type header.
  private static final Pattern MEDIA_TYPE =
      Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");
  private static final int MAX_EXTENSION = 10;

  private FileNames() {}

  /**
   * No path separators, control characters or unpaired surrogates; no leading dots (no hidden file,
   * no "..") or surrounding spaces; at most {@link #MAX_NAME} characters, keeping a short extension
   * when it has to shorten the name.
   */
  static String sanitise(String name) {
    if (name == null) {
      return FALLBACK_NAME;
    }
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < name.length()
          && Character.isLowSurrogate(name.charAt(i + 1))) {
        out.append(c).append(name.charAt(++i));
      } else if (c == '/' || c == '\\') {
        out.append('_');
      } else if (!Character.isSurrogate(c) && !Character.isISOControl(c)) {
        out.append(c);
      }
    }
    String clean = out.toString().strip();
    int start = 0;
    while (start < clean.length() && clean.charAt(start) == '.') {
      start++;
    }
    clean = clean.substring(start).strip();
    if (clean.isEmpty()) {
      return FALLBACK_NAME;
    }
    return shorten(clean);
  }

  private static String shorten(String name) {
    if (name.length() <= MAX_NAME) {
      return name;
    }
    int dot = name.lastIndexOf('.');
    String extension =
        dot > 0 && name.length() - dot <= MAX_EXTENSION + 1 ? name.substring(dot) : "";
    int keep = MAX_NAME - extension.length();
    if (Character.isHighSurrogate(name.charAt(keep - 1))) {
      keep--; // never half of a pair
    }
    return name.substring(0, keep).stripTrailing() + extension;
  }

  /** A bare {@code type/subtype}, lower case; none means "bytes"; anything else is refused. */
  static String mediaType(String mediaType) {
    if (mediaType == null || mediaType.isBlank()) {
      return DEFAULT_TYPE;
    }
    String type = mediaType.strip().toLowerCase(Locale.ROOT);
    if (!MEDIA_TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException(
          "a media type is type/subtype without parameters, e.g. application/json: " + mediaType);
    }
    return type;
  }
}
