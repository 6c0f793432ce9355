package org.peerloop.content.engine;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A button payload, {@code <flow>.<step>:<value>}. Short on purpose: Telegram allows 64 bytes of
 * callback data, and the flow checker holds every flow to that.
 */
public record Payload(String flowId, String stepId, String value) {

  /** Telegram's callback-data limit, in bytes. */
  public static final int MAX_BYTES = 64;

  /** The value of a skip button; option keys are slugs, so it cannot clash with one. */
  public static final String SKIP = "!skip";

  private static final Pattern SHAPE =
      Pattern.compile("([a-z][a-z0-9-]*)\\.([a-z][a-z0-9-]*):(\\S{1,40})");

  public static Optional<Payload> decode(String payload) {
    var m = SHAPE.matcher(payload == null ? "" : payload);
    return m.matches()
        ? Optional.of(new Payload(m.group(1), m.group(2), m.group(3)))
        : Optional.empty();
  }

  public String encode() {
    return flowId + "." + stepId + ":" + value;
  }

  boolean belongsTo(String flow, String step) {
    return flowId.equals(flow) && stepId.equals(step);
  }
}
