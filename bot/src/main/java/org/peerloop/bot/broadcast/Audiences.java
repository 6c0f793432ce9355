package org.peerloop.bot.broadcast;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.peerloop.bot.contact.Contact;
import org.peerloop.bot.contact.ContactStore;
import org.peerloop.bot.people.Member;
import org.peerloop.bot.people.MemberStatus;
import org.peerloop.bot.people.MemberStore;
import org.peerloop.bot.people.Membership;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.Zones;
import org.springframework.stereotype.Component;

/**
 * Who a broadcast reaches, found when it is previewed and again when it is confirmed: each member
 * of the audience with the chat they last used and can be reached on, or the reason they will be
 * skipped ({@code stopped}, {@code paused}, {@code not-joined}). Ordered by member id, so the same
 * audience numbers its people the same way.
 */
@Component
class Audiences {

  static final String STOPPED = "stopped";
  static final String PAUSED = "paused";
  static final String NOT_JOINED = "not-joined";
  static final String LEFT = "left";

  private final MemberStore members;
  private final ContactStore contacts;

  Audiences(MemberStore members, ContactStore contacts) {
    this.members = members;
    this.contacts = contacts;
  }

  List<Target> resolve(Partnership p, Audience audience, String fallbackZone) {
    return targets(p, members(p, audience), fallbackZone);
  }

  /** The audience's members, by id: who they are, before where to reach them. */
  List<Member> members(Partnership p, Audience audience) {
    List<Member> in = new ArrayList<>(members.inPartnership(p.slug()));
    in.sort(Comparator.comparing(Member::id));
    List<Member> chosen = new ArrayList<>();
    for (Member m : in) {
      if (m.in(p.slug()).filter(audience::includes).isPresent()) {
        chosen.add(m);
      }
    }
    return chosen;
  }

  /**
   * The same people again, in the order given ({@code memberIds}, as saved when the audience was
   * first fixed): someone who has left the partnership or was erased keeps their place, skipped.
   */
  List<Target> again(Partnership p, List<String> memberIds, String fallbackZone) {
    java.util.Map<String, Member> found = members.findAll(memberIds);
    List<Member> chosen = new ArrayList<>();
    for (String id : memberIds) {
      Member m = found.get(id);
      chosen.add(m != null && m.in(p.slug()).isPresent() ? m : null);
    }
    List<Target> out = new ArrayList<>();
    List<Target> reached =
        targets(p, chosen.stream().filter(java.util.Objects::nonNull).toList(), fallbackZone);
    int next = 0;
    for (int i = 0; i < chosen.size(); i++) {
      if (chosen.get(i) == null) {
        out.add(new Target(null, null, "none", null, "-", p.language(), fallbackZone, LEFT));
      } else {
        out.add(reached.get(next++));
      }
    }
    return out;
  }

  /** Where to reach each of {@code in} (members of {@code p}), in the same order. */
  List<Target> targets(Partnership p, List<Member> in, String fallbackZone) {
    List<String> ids = new ArrayList<>();
    in.forEach(m -> ids.addAll(m.contacts()));
    java.util.Map<String, Contact> known = contacts.findAll(ids);
    List<Target> out = new ArrayList<>();
    for (Member m : in) {
      Optional<Membership> place = m.in(p.slug());
      String org = place.get().organisation();
      String lang = m.language() == null ? p.language() : m.language();
      String zone = Zones.exists(m.timezone()) ? m.timezone() : fallbackZone;
      String skip = null;
      Contact to = null;
      if (m.status() == MemberStatus.INVITED || m.contacts().isEmpty()) {
        skip = NOT_JOINED;
      } else if (m.status() == MemberStatus.STOPPED) {
        skip = STOPPED;
      } else if (m.status() == MemberStatus.PAUSED) {
        skip = PAUSED;
      } else {
        to = reachable(m, known);
        if (to == null) {
          skip = STOPPED;
        }
      }
      out.add(
          new Target(
              m.id(),
              to == null ? null : to.id(),
              to == null ? channelOf(m) : to.channel(),
              to == null ? null : to.address(),
              org,
              lang,
              zone,
              skip));
    }
    return out;
  }

  /** The most recently added of the member's identities that has not stopped messages. */
  private static Contact reachable(Member m, java.util.Map<String, Contact> known) {
    for (int i = m.contacts().size() - 1; i >= 0; i--) {
      Contact c = known.get(m.contacts().get(i));
      if (c != null && !c.stopped()) {
        return c;
      }
    }
    return null;
  }

  /** For a person who cannot be reached: the channel of their last identity, for the counts. */
  private static String channelOf(Member m) {
    if (m.contacts().isEmpty()) {
      return "none";
    }
    String last = m.contacts().get(m.contacts().size() - 1);
    int colon = last.indexOf(':');
    return colon < 0 ? "none" : last.substring(0, colon);
  }
}
