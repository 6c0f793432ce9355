package org.peerloop.bot.config;

import java.util.List;

/** The operator's settings cannot work; each problem is one line that names the variable. */
public final class InvalidConfigurationException extends RuntimeException {

  private final List<String> problems;

  InvalidConfigurationException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
