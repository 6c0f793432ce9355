package org.peerloop.bot.instruments;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * A reported change (outcome harvesting), as facilitators and views see it. {@code tier} is expect,
 * like, love or not-anticipated; {@code status} is new, later, evidence-asked or substantiated.
 */
public record OutcomeReport(
    String code,
    String partnership,
    String organisation,
    String memberId,
    Instant reportedAt,
    String who,
    String what,
    String tier,
    String ladderItem,
    String status,
    int evidence) {

  public static final String NEW = "new";
  public static final String LATER = "later";
  public static final String EVIDENCE_ASKED = "evidence-asked";
  public static final String SUBSTANTIATED = "substantiated";
  public static final String NOT_ANTICIPATED = "not-anticipated";

  static final int SUMMARY = 200;

  public boolean reviewed() {
    return SUBSTANTIATED.equals(status);
  }

  /** "who: what", short enough for a notice or a list line. */
  public String summary() {
    String s = who + ": " + what;
    return s.length() <= SUMMARY ? s : s.substring(0, SUMMARY - 1) + "…";
  }

  static OutcomeReport fromDocument(Document d) {
    Document review = d.get("review", Document.class);
    Date at = d.getDate("reportedAt");
    return new OutcomeReport(
        d.getString("_id"),
        d.getString("partnership"),
        d.getString("organisation"),
        d.getString("member"),
        at == null ? null : at.toInstant(),
        d.getString("who"),
        d.getString("what"),
        d.getString("tier"),
        d.getString("ladderItem"),
        review == null ? NEW : review.getString("status"),
        d.getList("evidence", Document.class, List.of()).size());
  }
}
