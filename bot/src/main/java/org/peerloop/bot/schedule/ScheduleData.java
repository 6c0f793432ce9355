package org.peerloop.bot.schedule;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.peerloop.bot.privacy.PersonalData;
import org.peerloop.bot.privacy.Subject;
import org.peerloop.scheduler.DueStore;
import org.springframework.stereotype.Component;

/** A member's pause end, the nudges planned for them, and which periods they were nudged in. */
@Component
class ScheduleData implements PersonalData {

  static final String SCAN = "scan-ok: a person's own data request (/mydata, /forget)";

  private final Pauses pauses;
  private final DueStore due;
  private final NudgePeriods periods;

  ScheduleData(Pauses pauses, DueStore due, NudgePeriods periods) {
    this.pauses = pauses;
    this.due = due;
    this.periods = periods;
  }

  @Override
  public String section() {
    return "schedule";
  }

  @Override
  public List<Document> export(Subject s) {
    List<Document> out = new ArrayList<>();
    if (s.memberId() != null) {
      pauses
          .until(s.memberId())
          .ifPresent(until -> out.add(new Document("pausedUntil", java.util.Date.from(until))));
      out.addAll(periods.of(s.memberId(), SCAN));
    }
    return out;
  }

  @Override
  public void erase(Subject s) {
    if (s.memberId() != null) {
      pauses.clear(s.memberId());
      due.deleteAbout(List.of(s.memberId()), SCAN);
      periods.erase(s.memberId(), SCAN);
    }
  }
}
