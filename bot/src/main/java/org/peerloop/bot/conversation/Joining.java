package org.peerloop.bot.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.peerloop.bot.contact.ContactStore;
import org.peerloop.bot.people.Invite;
import org.peerloop.bot.people.InviteStore;
import org.peerloop.bot.people.Member;
import org.peerloop.bot.people.MemberStatus;
import org.peerloop.bot.people.MemberStore;
import org.peerloop.bot.people.Membership;
import org.peerloop.bot.people.Zones;
import org.peerloop.content.engine.SessionState;
import org.peerloop.content.engine.Status;
import org.springframework.stereotype.Component;

/**
 * What the end of the {@code join} flow does. Only an agreement keeps anything: the member (with
 * the accepted consent version and time), the link from this chat identity to them, one use of the
 * code. A "no" keeps only the decline; a wrong organisation or an abandoned join keeps nothing.
 *
 * <p>Replay: the member's id is derived from the contact and the run, writes are whole-document
 * replaces, and the code's use is counted only while the contact is not yet linked — a crash
 * between counting and linking can count one use twice, never lose the member.
 */
@Component
class Joining {

  static final String FLOW = "join";

  sealed interface Result {}

  record Joined(Member member, boolean zoneKept) implements Result {}

  /** The code ran out (or expired) while the person answered. */
  record UsedUp() implements Result {}

  record Declined() implements Result {}

  /** Wrong organisation, cancelled or expired: nothing kept. */
  record Abandoned(boolean said) implements Result {}

  private final ContactStore contacts;
  private final MemberStore members;
  private final InviteStore invites;

  Joining(ContactStore contacts, MemberStore members, InviteStore invites) {
    this.contacts = contacts;
    this.members = members;
    this.invites = invites;
  }

  Result finish(Person person, String runId, SessionState end, String proposedZone, Instant now) {
    Map<String, String> a = end.answers();
    String contactId = person.contact().id();
    if (end.status() != Status.COMPLETED || !"yes".equals(a.get("organisation"))) {
      contacts.restartOnboarding(contactId);
      return new Abandoned("no".equals(a.get("organisation")));
    }
    if (!"yes".equals(a.get("agree"))) {
      contacts.decline(contactId, now);
      return new Declined();
    }
    Invite invite = person.joining();
    if (invite == null) {
      contacts.restartOnboarding(contactId);
      return new UsedUp();
    }
    Optional<Member> imported = members.find(invite.memberId());
    boolean replay = person.contact().memberId() != null;
    if (!replay && !usable(invite, imported, now)) {
      contacts.restartOnboarding(contactId);
      return new UsedUp();
    }
    String zone = proposedZone;
    boolean zoneKept = false;
    if ("no".equals(a.get("timezone"))) {
      Optional<String> typed = Zones.parse(a.get("timezone-other"));
      zone = typed.orElse(proposedZone);
      zoneKept = typed.isEmpty();
    }
    String chosenZone = zone;
    String version = FLOW + "@r" + end.revision();
    String name = a.get("name").strip();
    Membership place = new Membership(invite.partnership(), invite.organisation(), invite.role());
    Member member =
        imported
            .filter(m -> invite.memberId() != null)
            .orElseGet(
                () ->
                    new Member(
                        memberId(contactId, runId),
                        name,
                        end.language(),
                        chosenZone,
                        MemberStatus.INVITED,
                        List.of(place),
                        false,
                        List.of(),
                        null,
                        null,
                        null,
                        null,
                        now))
            .withMembership(place)
            .joined(name, end.language(), chosenZone, version, now, contactId);
    members.save(member);
    contacts.link(contactId, member.id());
    contacts.language(contactId, end.language());
    contacts.consent(contactId, version, now);
    return new Joined(member, zoneKept);
  }

  /**
   * Counts the use. A personal code (from an import) is good while its member has not joined yet,
   * whoever counts first.
   */
  private boolean usable(Invite invite, Optional<Member> imported, Instant now) {
    if (invite.memberId() != null) {
      boolean open =
          imported.map(m -> m.status() == MemberStatus.INVITED).orElse(false)
              && (invite.expiresAt() == null || now.isBefore(invite.expiresAt()));
      if (open) {
        invites.redeem(invite.code(), now);
      }
      return open;
    }
    return invites.redeem(invite.code(), now).isPresent();
  }

  static String memberId(String contactId, String runId) {
    return "m-" + Hashes.of(contactId + "|" + runId).substring(0, 16);
  }
}
