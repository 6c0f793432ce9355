package org.peerloop.content.flow;

import java.util.Map;
import java.util.Optional;

/**
 * One step of a flow. {@code next} is where to go after an answer unless a branch on the answer's
 * category says otherwise; the loader fills it with the following step, or {@link #END} after the
 * last one.
 */
public record Step(
    String id,
    Question question,
    boolean optional,
    int maxReprompts,
    Wait timeouts,
    String next,
    Map<String, String> branches) {

  /** The target that ends the flow. */
  public static final String END = "end";

  public Step {
    branches = Map.copyOf(branches);
  }

  /** Where an answer in this category leads. */
  public String nextFor(String category) {
    return Optional.ofNullable(category).map(branches::get).orElse(next);
  }
}
