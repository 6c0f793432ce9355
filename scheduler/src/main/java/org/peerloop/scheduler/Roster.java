package org.peerloop.scheduler;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** What the planner needs to know about people, from the bot that knows them. */
public interface Roster {

  /** Every partnership's schedule. */
  List<Schedule> schedules();

  /** One partnership's schedule; empty when there is no such partnership. */
  Optional<Schedule> schedule(String partnership);

  /** The members of {@code partnership} who may be nudged (active, reachable). */
  List<Nudgee> members(String partnership);

  /** The period a flow's answers count in; empty for a flow that cannot be scheduled. */
  Optional<Period.Kind> periodOf(String flow);

  /** A member to nudge, in their own time zone (null: the schedule's). */
  record Nudgee(String member, ZoneId zone) {}
}
