package org.peerloop.content.runner;

import java.util.Map;

/**
 * When golden transcripts may be rewritten: only when asked with {@code -Dgolden.update=true}, and
 * never on CI, where a rewrite would turn every regression into a silent pass.
 */
final class GoldenFiles {

  private GoldenFiles() {}

  static boolean update(Map<String, String> env, String property) {
    boolean asked = Boolean.parseBoolean(property);
    if (asked && "true".equalsIgnoreCase(env.getOrDefault("CI", ""))) {
      throw new IllegalStateException(
          "golden.update=true is refused when CI=true: regenerate locally and commit the diff");
    }
    return asked;
  }
}
