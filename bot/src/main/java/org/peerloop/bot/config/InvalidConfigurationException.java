package org.peerloop.bot.config;

import java.util.List;

/** The operator's settings cannot work; each problem is one line that names the variable. */
public final class InvalidConfigurationException extends RuntimeException {

  private final List<String> problems;

  InvalidConfigurationException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** For settings checked where they are bound, outside this package. */
  public static InvalidConfigurationException of(List<String> problems) {
    return new InvalidConfigurationException(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
