package org.peerloop.scheduler;

import java.time.Instant;

/**
 * One person's piece of due work under a deterministic id: a nudge ({@code nudge|member|
 * partnership|flow|occurrence}) or a conversation's wake-up ({@code wake|contact|epoch-minute-ms}).
 * {@code until} ends its useful window: work found later than that is recorded as missed, not sent.
 * {@code deferrals} counts how often it was put off (the person was in another flow).
 */
public record DueItem(
    String id,
    String kind,
    String subject,
    String partnership,
    String flow,
    String occurrence,
    String period,
    Instant due,
    Instant until,
    int deferrals) {

  public static final String NUDGE = "nudge";
  public static final String WAKE = "wake";

  public static String nudgeId(String member, String partnership, String flow, String occurrence) {
    return NUDGE + "|" + member + "|" + partnership + "|" + flow + "|" + occurrence;
  }

  public static DueItem wake(String contact, Instant due) {
    // One per contact and minute: the conversation remembers the minute, so erasure can find it.
    long minute = due.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toEpochMilli();
    return new DueItem(
        WAKE + "|" + contact + "|" + minute, WAKE, contact, null, null, null, null, due, null, 0);
  }

  public DueItem deferredTo(Instant at) {
    return new DueItem(
        id, kind, subject, partnership, flow, occurrence, period, at, until, deferrals + 1);
  }

  public boolean late(Instant now) {
    return until != null && now.isAfter(until);
  }
}
