package org.peerloop.bot.instruments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.peerloop.bot.contact.Contact;
import org.peerloop.bot.contact.ContactStore;
import org.peerloop.bot.outbox.OutboundMessage;
import org.peerloop.bot.outbox.Outbox;
import org.peerloop.bot.outbox.Priority;
import org.peerloop.bot.outbox.Recipient;
import org.peerloop.bot.people.Member;
import org.peerloop.bot.people.MemberStatus;
import org.peerloop.bot.people.MemberStore;
import org.peerloop.bot.texts.BotTexts;
import org.peerloop.content.engine.Button;
import org.peerloop.content.flow.FlowLibrary;
import org.springframework.stereotype.Component;

/**
 * Private messages the instruments send to people other than the one writing: facilitators told of
 * a new report, a reporter asked for evidence or told their report was confirmed. Each goes to the
 * person's chat in their language, under an id made from what it is about, so a replayed run sends
 * nothing twice.
 */
@Component
class Notices {

  private final MemberStore members;
  private final ContactStore contacts;
  private final Outbox outbox;
  private final BotTexts texts;

  Notices(MemberStore members, ContactStore contacts, Outbox outbox, FlowLibrary flows) {
    this.members = members;
    this.contacts = contacts;
    this.outbox = outbox;
    this.texts = new BotTexts(flows.catalog());
  }

  /** What to say to one person, in their language. */
  interface Message {
    String text(String language);

    default List<Button> buttons(String language) {
      return List.of();
    }
  }

  /** Active members who lead {@code partnership}, except {@code except}. */
  List<Member> leaders(String partnership, String except) {
    return members.inPartnership(partnership).stream()
        .filter(m -> m.status() == MemberStatus.ACTIVE && !m.id().equals(except))
        .filter(m -> m.in(partnership).map(p -> p.role().leads()).orElse(false))
        .toList();
  }

  void send(List<Member> to, String about, Message message, Instant now) {
    List<OutboundMessage> out = new ArrayList<>();
    for (Member m : to) {
      reachable(m)
          .ifPresent(
              c ->
                  out.add(
                      new OutboundMessage(
                          "notice|" + c.id() + "|" + about,
                          new Recipient(c.id(), c.channel(), c.address()),
                          message.text(c.language()),
                          message.buttons(c.language()),
                          Priority.INTERACTIVE,
                          null,
                          now,
                          null)));
    }
    if (!out.isEmpty()) {
      outbox.send(out);
    }
  }

  String text(String language, String key, Map<String, String> values) {
    return texts.text(language, key, values);
  }

  private Optional<Contact> reachable(Member m) {
    return contacts.reachable(m.contacts());
  }
}
