package org.peerloop.bot.instruments;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.peerloop.bot.privacy.PersonalData;
import org.peerloop.bot.privacy.Subject;
import org.springframework.stereotype.Component;

/**
 * A member's check-ins, reflections, reported changes, activity days and the nudges they were sent.
 * Health answers are not here: they were never linked to the person, so they can neither be
 * exported nor erased as theirs. Erasing takes each record out of the rollups before deleting it.
 */
@Component
class InstrumentData implements PersonalData {

  private final Checkins checkins;
  private final Reflections reflections;
  private final OutcomeReports reports;
  private final Activity activity;
  private final Nudges nudges;

  InstrumentData(
      Checkins checkins,
      Reflections reflections,
      OutcomeReports reports,
      Activity activity,
      Nudges nudges) {
    this.nudges = nudges;
    this.checkins = checkins;
    this.reflections = reflections;
    this.reports = reports;
    this.activity = activity;
  }

  @Override
  public String section() {
    return "instruments";
  }

  @Override
  public List<Document> export(Subject s) {
    List<Document> out = new ArrayList<>();
    if (s.memberId() != null) {
      out.addAll(checkins.of(s.memberId()));
      out.addAll(reflections.of(s.memberId()));
      out.addAll(reports.of(s.memberId()));
      out.addAll(activity.of(s.memberId()));
      out.addAll(nudges.of(s.memberId()));
    }
    return out;
  }

  @Override
  public void erase(Subject s) {
    if (s.memberId() != null) {
      checkins.erase(s.memberId());
      reflections.erase(s.memberId());
      reports.erase(s.memberId());
      activity.erase(s.memberId());
      nudges.erase(s.memberId());
    }
  }
}
