package org.peerloop.bot.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.peerloop.bot.people.Invite;
import org.peerloop.bot.people.InviteStore;
import org.peerloop.bot.people.Member;
import org.peerloop.bot.people.MemberStatus;
import org.peerloop.bot.people.MemberStore;
import org.peerloop.bot.people.Membership;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.store.Durability;
import org.springframework.stereotype.Component;

/**
 * Turns the good rows of an import into invited members, each with a personal code that admits only
 * them, once, for {@link #PERSONAL_CODE_DAYS} days. We never message an imported person: the
 * facilitator sends them the code, and only when they come to the bot with it do they join (and are
 * asked for consent).
 */
@Component
class MemberImport {

  static final int PERSONAL_CODE_DAYS = 30;

  private final MemberStore members;
  private final InviteStore invites;
  private final MemberIds ids;
  private final Links links;
  private final Durability durability;
  private final Clock clock;

  MemberImport(
      MemberStore members,
      InviteStore invites,
      MemberIds ids,
      Links links,
      Durability durability,
      Clock clock) {
    this.members = members;
    this.invites = invites;
    this.ids = ids;
    this.links = links;
    this.durability = durability;
    this.clock = clock;
  }

  /** Call under the partnership's lock ({@link PartnershipLocks}). */
  ImportReport run(Partnership p, MemberCsv.Result rows) {
    Instant now = clock.instant();
    List<ImportReport.Rejected> rejected = new ArrayList<>(rows.rejected());
    List<ImportReport.Issued> issued = new ArrayList<>();
    for (MemberCsv.Entry e : rows.entries()) {
      String id = ids.forHandle(e.handle());
      Optional<Member> existing = members.find(id);
      if (existing.isPresent()) {
        rejected.add(
            new ImportReport.Rejected(e.line(), alreadyThere(existing.get(), p, e.handle())));
        continue;
      }
      // The code first: a crash before the member is written leaves a code that admits nobody,
      // and importing the file again then creates the member with a new code.
      Invite code =
          invites.create(
              p.slug(),
              e.organisation(),
              e.role(),
              1,
              now.plus(Duration.ofDays(PERSONAL_CODE_DAYS)),
              id,
              now);
      members.save(
          new Member(
              id,
              e.name(),
              e.language(),
              p.timezone(),
              MemberStatus.INVITED,
              List.of(new Membership(p.slug(), e.organisation(), e.role())),
              false,
              List.of(),
              e.handle().value(),
              null,
              null,
              null,
              now));
      issued.add(
          new ImportReport.Issued(e.line(), e.name(), code.code(), links.telegram(code.code())));
    }
    if (!issued.isEmpty()) {
      durability.awaitDurable();
    }
    rejected.sort(Comparator.comparingInt(ImportReport.Rejected::line));
    return new ImportReport(issued.size(), rejected, issued);
  }

  private static String alreadyThere(Member m, Partnership p, Handles.Handle h) {
    if (m.in(p.slug()).isPresent()) {
      return "duplicate: " + Handles.mask(h.value()) + " is already a member of this partnership";
    }
    return "already a member of another partnership; invite them with a code instead";
  }
}
