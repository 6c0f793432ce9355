package org.peerloop.bot.schedule;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.peerloop.bot.instruments.Cadence;
import org.peerloop.bot.people.Member;
import org.peerloop.bot.people.MemberStatus;
import org.peerloop.bot.people.MemberStore;
import org.peerloop.bot.people.Zones;
import org.peerloop.scheduler.Period;
import org.peerloop.scheduler.Roster;
import org.peerloop.scheduler.Schedule;
import org.springframework.stereotype.Component;

/**
 * The planner's view of people. Paused members are planned too: their pause may end before the
 * nudge is due, and the handler checks again then.
 */
@Component
class BotRoster implements Roster {

  private final ScheduleStore schedules;
  private final MemberStore members;

  BotRoster(ScheduleStore schedules, MemberStore members) {
    this.schedules = schedules;
    this.members = members;
  }

  @Override
  public List<Schedule> schedules() {
    return schedules.all();
  }

  @Override
  public java.util.Optional<Schedule> schedule(String partnership) {
    return schedules.of(partnership);
  }

  @Override
  public List<Nudgee> members(String partnership) {
    return members.inPartnership(partnership).stream()
        .filter(m -> m.status() == MemberStatus.ACTIVE || m.status() == MemberStatus.PAUSED)
        .map(BotRoster::nudgee)
        .toList();
  }

  static Nudgee nudgee(Member m) {
    return new Nudgee(m.id(), Zones.exists(m.timezone()) ? ZoneId.of(m.timezone()) : null);
  }

  @Override
  public Optional<Period.Kind> periodOf(String flow) {
    return Cadence.schedulable(flow);
  }
}
