package org.peerloop.bot.admin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Which request paths are the admin API: everything under {@code /api/v1} except the simulator's
 * {@code /api/v1/sim}. Decided on a normalised copy of the raw path (parameters after {@code ;}
 * dropped, percent-escapes decoded, repeated slashes merged, case ignored), and a path with a
 * {@code .} or {@code ..} segment is never counted as the simulator's, so no spelling of an admin
 * path slips past as a simulator one. Handler-level checks ({@link AdminOnly}) back this up.
 */
final class AdminPaths {

  private static final String API = "/api/v1";
  private static final String SIMULATOR = "/api/v1/sim";

  private AdminPaths() {}

  static boolean needsAdmin(String rawPath) {
    String path = normalise(rawPath);
    if (path == null) {
      return true; // cannot be read: refuse rather than guess
    }
    boolean api = path.equals(API) || path.startsWith(API + "/");
    boolean simulator =
        (path.equals(SIMULATOR) || path.startsWith(SIMULATOR + "/")) && !hasDotSegment(path);
    return api && !simulator;
  }

  /** The path as routing sees it, lower-cased; null when it is not decodable. */
  static String normalise(String rawPath) {
    if (rawPath == null) {
      return "/";
    }
    StringBuilder out = new StringBuilder();
    for (String segment : rawPath.split("/", -1)) {
      int semicolon = segment.indexOf(';');
      String s = semicolon >= 0 ? segment.substring(0, semicolon) : segment;
      String decoded;
      try {
        decoded = URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return null;
      }
      if (decoded.isEmpty()) {
        continue;
      }
      out.append('/').append(decoded);
    }
    return out.isEmpty() ? "/" : out.toString().toLowerCase(Locale.ROOT);
  }

  private static boolean hasDotSegment(String path) {
    for (String segment : path.split("/")) {
      if (segment.equals(".") || segment.equals("..")) {
        return true;
      }
    }
    return false;
  }
}
