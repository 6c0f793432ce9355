package org.peerloop.bot.admin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Which request paths are the admin API: everything under {@code /api/v1} except the simulator's
 * {@code /api/v1/sim}. Decided on a normalised copy of the raw path (parameters after {@code ;}
 * dropped, percent-escapes decoded, repeated slashes merged, case ignored). A path that could climb
 * out of {@code /api/v1/sim} (a {@code .} or {@code ..} segment, or an encoded slash) is never
 * counted as the simulator's. An encoded {@code %2e%2e} segment stays one segment, as the router
 * sees it (the simulator refuses it as a user name). {@link AdminOnly} checks again once a handler
 * is chosen.
 */
final class AdminPaths {

  private static final String API = "/api/v1";
  private static final String SIMULATOR = "/api/v1/sim";

  private AdminPaths() {}

  static boolean needsAdmin(String rawPath) {
    Normalised n = normalise(rawPath);
    if (n == null) {
      return true; // cannot be read: refuse rather than guess
    }
    String path = n.path();
    boolean api = path.equals(API) || path.startsWith(API + "/");
    boolean simulator = (path.equals(SIMULATOR) || path.startsWith(SIMULATOR + "/")) && !n.climbs();
    return api && !simulator;
  }

  /** The path as routing matches it, lower-cased, and whether it has a segment that climbs. */
  record Normalised(String path, boolean climbs) {}

  /** Null when the path is not decodable. */
  static Normalised normalise(String rawPath) {
    if (rawPath == null) {
      return new Normalised("/", false);
    }
    StringBuilder out = new StringBuilder();
    boolean climbs = false;
    for (String segment : rawPath.split("/", -1)) {
      int semicolon = segment.indexOf(';');
      String s = semicolon >= 0 ? segment.substring(0, semicolon) : segment;
      if (s.equals(".") || s.equals("..")) {
        climbs = true;
      }
      String decoded;
      try {
        decoded = URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return null;
      }
      if (decoded.contains("/") || decoded.contains("\\")) {
        climbs = true;
      }
      if (!decoded.isEmpty()) {
        out.append('/').append(decoded);
      }
    }
    String path = out.isEmpty() ? "/" : out.toString().toLowerCase(Locale.ROOT);
    return new Normalised(path, climbs);
  }
}
