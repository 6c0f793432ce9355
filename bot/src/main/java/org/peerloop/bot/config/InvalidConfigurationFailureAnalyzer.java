package org.peerloop.bot.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a configuration problem into Spring Boot's short start-up report, without a trace. */
class InvalidConfigurationFailureAnalyzer
    extends AbstractFailureAnalyzer<InvalidConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
    return new FailureAnalysis(
        "PeerLoop cannot start:\n  - " + String.join("\n  - ", cause.problems()),
        "Fix the settings above (see docs/CONFIGURATION.md) and start again.",
        cause);
  }
}
