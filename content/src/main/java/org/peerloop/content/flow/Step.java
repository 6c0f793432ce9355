package org.peerloop.content.flow;

import java.util.Map;
import java.util.Optional;

/**
 * One step of a flow. {@code next} is where to go after an answer unless a branch on the answer's
 * category says otherwise; the loader fills it with the following step, or {@link #END} after the
 * last one.
 *
 * <p>{@code when} names a context value: the step is passed over (as {@code skipped}) when that
 * value is empty, so one flow file serves partnerships with and without, say, tracked ladder items.
 * {@code about} names an earlier step whose answer is another step's id (a {@code lowest} step, or
 * a choice among ratings): the prompt can then say {about} and {score}.
 */
public record Step(
    String id,
    Question question,
    boolean optional,
    int maxReprompts,
    Wait timeouts,
    String next,
    Map<String, String> branches,
    String when,
    String about) {

  /** The target that ends the flow. */
  public static final String END = "end";

  public Step {
    branches = Map.copyOf(branches);
  }

  public Step(
      String id,
      Question question,
      boolean optional,
      int maxReprompts,
      Wait timeouts,
      String next,
      Map<String, String> branches) {
    this(id, question, optional, maxReprompts, timeouts, next, branches, null, null);
  }

  /** Whether the step may be passed over without an answer, and so lead on as {@code skipped}. */
  public boolean mayBeSkipped() {
    return optional
        || when != null
        || question instanceof Question.Choice c && c.optionsFrom() != null;
  }

  /** Where an answer in this category leads. */
  public String nextFor(String category) {
    return Optional.ofNullable(category).map(branches::get).orElse(next);
  }
}
