package org.peerloop.bot.conversation;

import java.util.Optional;
import org.peerloop.bot.contact.Contact;
import org.peerloop.bot.people.Invite;
import org.peerloop.bot.people.InviteStore;
import org.peerloop.bot.people.Member;
import org.peerloop.bot.people.MemberStore;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.PartnershipStore;
import org.springframework.stereotype.Component;

/** Looks up who a contact is: member, partnerships, the invite they are joining with. */
@Component
class Persons {

  private final MemberStore members;
  private final InviteStore invites;
  private final PartnershipStore partnerships;

  Persons(MemberStore members, InviteStore invites, PartnershipStore partnerships) {
    this.members = members;
    this.invites = invites;
    this.partnerships = partnerships;
  }

  Person of(Contact contact) {
    Member member = members.find(contact.memberId()).orElse(null);
    Invite joining =
        member == null && contact.invite() != null
            ? invites.find(contact.invite()).orElse(null)
            : null;
    return new Person(contact, member, joining);
  }

  Optional<Partnership> partnership(String slug) {
    return partnerships.find(slug);
  }

  /** The partnership a flow is about: the run's, the invite's, or the member's current one. */
  Optional<Partnership> about(Person p, String runPartnership) {
    if (runPartnership != null) {
      return partnerships.find(runPartnership);
    }
    if (p.joining() != null) {
      return partnerships.find(p.joining().partnership());
    }
    return p.asMember().flatMap(Member::currentPartnership).flatMap(partnerships::find);
  }
}
