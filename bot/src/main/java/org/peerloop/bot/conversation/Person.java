package org.peerloop.bot.conversation;

import java.util.Optional;
import org.peerloop.bot.contact.Contact;
import org.peerloop.bot.people.Invite;
import org.peerloop.bot.people.Member;
import org.peerloop.bot.people.Membership;
import org.peerloop.bot.people.Partnership;

/**
 * Who is writing, as far as we know them: the channel identity; the member it belongs to once they
 * joined; while joining, the invite they used. Read fresh for each message.
 */
record Person(Contact contact, Member member, Invite joining) {

  Optional<Member> asMember() {
    return Optional.ofNullable(member);
  }

  String language() {
    return contact.language();
  }

  /** The place in {@code partnership}, or while joining the place the invite offers. */
  Optional<Membership> membership(Partnership partnership) {
    if (partnership == null) {
      return Optional.empty();
    }
    if (member != null) {
      return member.in(partnership.slug());
    }
    if (joining != null && joining.partnership().equals(partnership.slug())) {
      return Optional.of(
          new Membership(joining.partnership(), joining.organisation(), joining.role()));
    }
    return Optional.empty();
  }
}
