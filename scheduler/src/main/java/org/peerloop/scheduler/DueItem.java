package org.peerloop.scheduler;

import java.time.Instant;

/**
 * One person's piece of due work under a deterministic id: a nudge ({@code nudge|occurrence|
 * partnership|flow|member}) or a conversation's wake-up ({@code wake|epoch-minute-ms|digest of the
 * contact}). {@code until} ends its useful window: work found later than that is recorded as
 * missed, not sent. {@code deferrals} counts how often it was put off (the person was in another
 * flow).
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

  /**
   * The occurrence comes first: ids sort together by when they fall due, so the items of one minute
   * sit on neighbouring pages of the store's id index, and claiming a minute reads the same few
   * pages however many other items are scheduled (measured: see BENCHMARKS.md, due-work).
   */
  public static String nudgeId(String member, String partnership, String flow, String occurrence) {
    return NUDGE + "|" + occurrence + "|" + partnership + "|" + flow + "|" + member;
  }

  /**
   * A conversation's wake-up: one per contact and minute, the minute first (a minute's items sort
   * together). The contact is named by a keyed digest ({@code key}: a secret of this installation,
   * see {@link DueStore#wake}): buckets keep ids until their minute, and a plain hash of a phone
   * number could be reversed by trying every number.
   */
  public static DueItem wake(String contact, Instant due, byte[] key) {
    long minute = due.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toEpochMilli();
    return new DueItem(
        WAKE + "|" + minute + "|" + digest(contact, key),
        WAKE,
        contact,
        null,
        null,
        null,
        null,
        due,
        null,
        0);
  }

  private static String digest(String text, byte[] key) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
      byte[] h = mac.doFinal(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(h, 0, 16);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public DueItem deferredTo(Instant at) {
    return new DueItem(
        id, kind, subject, partnership, flow, occurrence, period, at, until, deferrals + 1);
  }

  public boolean late(Instant now) {
    return until != null && now.isAfter(until);
  }
}
