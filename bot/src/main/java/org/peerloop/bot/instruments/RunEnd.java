package org.peerloop.bot.instruments;

import java.time.Instant;
import java.util.Map;

/**
 * A run of a flow that ended (completed, expired or cancelled), as the instruments need it: who
 * (null member for an anonymous flow's record is the caller's business: the stores decide what to
 * keep), about which partnership and organisation, in which period, and the answers by step id.
 * {@code subject} is what the run was about besides the partnership (a report's code).
 */
public record RunEnd(
    String contactId,
    String memberId,
    String partnership,
    String organisation,
    String runId,
    String flowId,
    int revision,
    String language,
    String status,
    Map<String, String> answers,
    String period,
    String subject,
    Instant startedAt,
    Instant endedAt) {

  public RunEnd {
    answers = Map.copyOf(answers);
  }

  public boolean completed() {
    return "completed".equals(status);
  }

  /** The due work id of the nudge that started this run, if a nudge did. */
  public java.util.Optional<String> nudge() {
    String marker = "@start:" + org.peerloop.scheduler.DueItem.NUDGE + "|";
    int at = runId == null ? -1 : runId.indexOf(marker);
    return at < 0
        ? java.util.Optional.empty()
        : java.util.Optional.of(runId.substring(at + "@start:".length()));
  }

  /** A stable id for what this run recorded: the same run replayed gives the same id. */
  String key() {
    return contactId + "|" + runId;
  }
}
