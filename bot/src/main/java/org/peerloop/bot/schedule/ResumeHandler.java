package org.peerloop.bot.schedule;

import java.time.Instant;
import java.util.Optional;
import org.peerloop.bot.people.MemberStatus;
import org.peerloop.bot.people.MemberStore;
import org.peerloop.scheduler.DueHandler;
import org.peerloop.scheduler.DueItem;
import org.springframework.stereotype.Component;

/**
 * Ends a dated pause when its time comes: the member is active again and planned for what is ahead.
 * A pause changed since (resumed, ended open, moved to another date) is left alone.
 */
@Component
class ResumeHandler implements DueHandler {

  static final String KIND = "resume";

  private final MemberStore members;
  private final Pauses pauses;
  private final Facilitation facilitation;

  ResumeHandler(MemberStore members, Pauses pauses, Facilitation facilitation) {
    this.members = members;
    this.pauses = pauses;
    this.facilitation = facilitation;
  }

  static DueItem item(String member, Instant until) {
    return new DueItem(
        KIND + "|" + member + "|" + until.toEpochMilli(),
        KIND,
        member,
        null,
        null,
        null,
        null,
        until,
        null,
        0);
  }

  @Override
  public Result handle(DueItem item, Instant now) {
    Optional<Instant> until = pauses.until(item.subject());
    if (until.isEmpty() || !until.get().equals(item.due()) || until.get().isAfter(now)) {
      return Result.DONE;
    }
    members.update(
        item.subject(),
        m -> m.status() == MemberStatus.PAUSED ? m.withStatus(MemberStatus.ACTIVE) : m);
    pauses.clear(item.subject());
    facilitation.replan(item.subject());
    return Result.DONE;
  }
}
