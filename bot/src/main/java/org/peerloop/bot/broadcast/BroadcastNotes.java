package org.peerloop.bot.broadcast;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.peerloop.bot.contact.Contact;
import org.peerloop.bot.contact.ContactStore;
import org.peerloop.bot.outbox.OutboundMessage;
import org.peerloop.bot.outbox.Outbox;
import org.peerloop.bot.outbox.Priority;
import org.peerloop.bot.people.Member;
import org.peerloop.bot.people.MemberStore;
import org.peerloop.bot.texts.BotTexts;
import org.peerloop.content.flow.FlowLibrary;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells the author, in their chat, that their key message has gone out and how it went. */
@Component
class BroadcastNotes {

  private final BroadcastStore store;
  private final MemberStore members;
  private final ContactStore contacts;
  private final Outbox outbox;
  private final Clock clock;
  private final BotTexts texts;

  BroadcastNotes(
      BroadcastStore store,
      MemberStore members,
      ContactStore contacts,
      Outbox outbox,
      Clock clock,
      FlowLibrary flows) {
    this.store = store;
    this.members = members;
    this.contacts = contacts;
    this.outbox = outbox;
    this.clock = clock;
    this.texts = new BotTexts(flows.catalog());
  }

  @EventListener
  void finished(BroadcastFinished e) {
    Broadcast b = store.find(e.broadcast()).orElse(null);
    if (b == null || b.createdBy() == null) {
      return;
    }
    Member author = members.find(b.createdBy()).orElse(null);
    Contact to = author == null ? null : contacts.reachable(author.contacts()).orElse(null);
    if (to == null) {
      return;
    }
    String lang = author.language() == null ? "en" : author.language();
    Report r = Report.of(store.raw(b.id()).orElseThrow());
    outbox.send(
        List.of(
            new OutboundMessage(
                "broadcast-done|" + b.id(),
                new org.peerloop.bot.outbox.Recipient(to.id(), to.channel(), to.address()),
                texts.text(lang, "broadcast-done", figures(r)),
                List.of(),
                Priority.INTERACTIVE,
                null,
                clock.instant())));
  }

  static Map<String, String> figures(Report r) {
    return Map.of(
        "sent", number(r.counts().get(Recipient.SENT)),
        "failed", number(r.counts().get(Recipient.FAILED)),
        "skipped", number(r.counts().get(Recipient.SKIPPED)),
        "unknown", number(r.counts().get(Recipient.UNKNOWN)),
        "recipients", number(r.recipients()),
        "id", r.id());
  }

  static String number(Integer n) {
    return String.format(Locale.ROOT, "%,d", n == null ? 0 : n);
  }
}
