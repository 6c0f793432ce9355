package org.peerloop.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Partnerships, their schedules and members, held in memory; the flows of the bot. */
final class FakeRoster implements Roster {

  private final Map<String, Schedule> schedules = new LinkedHashMap<>();
  private final Map<String, List<Nudgee>> members = new LinkedHashMap<>();

  FakeRoster add(Schedule s, Nudgee... people) {
    schedules.put(s.partnership(), s);
    members.computeIfAbsent(s.partnership(), p -> new ArrayList<>()).addAll(List.of(people));
    return this;
  }

  void join(String partnership, Nudgee member) {
    members.get(partnership).removeIf(m -> m.member().equals(member.member()));
    members.get(partnership).add(member);
  }

  @Override
  public List<Schedule> schedules() {
    return List.copyOf(schedules.values());
  }

  @Override
  public java.util.Optional<Schedule> schedule(String partnership) {
    return java.util.Optional.ofNullable(schedules.get(partnership));
  }

  @Override
  public List<Nudgee> members(String partnership) {
    return List.copyOf(members.getOrDefault(partnership, List.of()));
  }

  @Override
  public Optional<Period.Kind> periodOf(String flow) {
    return ScheduleSpecTest.FLOWS.apply(flow);
  }
}
