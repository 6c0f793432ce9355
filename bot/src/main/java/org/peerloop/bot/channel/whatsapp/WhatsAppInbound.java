package org.peerloop.bot.channel.whatsapp;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.peerloop.bot.contact.Contact;
import org.peerloop.bot.contact.ContactStore;
import org.peerloop.bot.conversation.ConversationService;
import org.peerloop.bot.conversation.InboundMessage;
import org.peerloop.bot.outbox.OutboundMessage;
import org.peerloop.bot.outbox.Outbox;
import org.peerloop.bot.outbox.Priority;
import org.peerloop.bot.outbox.Recipient;
import org.peerloop.bot.texts.BotTexts;
import org.peerloop.content.engine.Input;
import org.peerloop.content.flow.FlowLibrary;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * One person's WhatsApp message into the conversation service, with what WhatsApp adds:
 *
 * <ul>
 *   <li>the 24-hour window opens (the session remembers when they last wrote);
 *   <li>STOP and its equivalents stop everything and START restarts, in any language; CANCEL and
 *       END only leave the flow, and the reply says how to stop everything;
 *   <li>messages held while the window was closed are released by this answer, which is not itself
 *       taken as an answer to a question the person has not yet seen;
 *   <li>a number answers the numbered choices they were last shown;
 *   <li>a file is fetched in the background (consented members only), and a file we do not keep
 *       gets a polite word.
 * </ul>
 *
 * When {@link #handle} returns, everything is durable; it throws only when that could not be made
 * true, so that Twilio retries.
 */
@Component
@Conditional(WhatsAppEnabled.class)
class WhatsAppInbound {

  private final ConversationService conversations;
  private final ContactStore contacts;
  private final Sessions sessions;
  private final Outbox outbox;
  private final MediaFetcher media;
  private final WhatsAppProperties whatsapp;
  private final OptOutWords words = OptOutWords.load();
  private final BotTexts texts;
  private final Clock clock;
  private final Object[] stripes = new Object[64];

  {
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new Object();
    }
  }

  /** The longest a flow stays open: what was held longer than this is dropped, not released. */
  static final java.time.Duration HELD_FOR = java.time.Duration.ofDays(7);

  WhatsAppInbound(
      ConversationService conversations,
      ContactStore contacts,
      Sessions sessions,
      Outbox outbox,
      MediaFetcher media,
      WhatsAppProperties whatsapp,
      FlowLibrary flows,
      Clock clock) {
    this.conversations = conversations;
    this.contacts = contacts;
    this.sessions = sessions;
    this.outbox = outbox;
    this.media = media;
    this.whatsapp = whatsapp;
    this.texts = new BotTexts(flows.catalog());
    this.clock = clock;
  }

  void handle(Received.Message received) {
    InboundMessage in = received.inbound();
    String contactId = Contact.idOf(in.channel(), in.address());
    Session session = sessions.find(contactId);
    if (in.platformId() != null && in.platformId().equals(session.releasedBy())) {
      return; // Twilio retrying the answer that released held messages: done already
    }
    Instant now = clock.instant();
    // Before anything is answered: every reply, even the hint to a stranger, may be free text.
    // One person's webhooks one at a time (WhatsApp sends several photos at once): which of them
    // releases what was held, and which list a number answers, must not depend on a race.
    synchronized (stripes[Math.floorMod(contactId.hashCode(), stripes.length)]) {
      sessions.inbound(contactId, now);
      Optional<Contact> contact = contacts.find(contactId);
      try {
        handle(received, in, contactId, sessions.find(contactId), contact, now);
      } finally {
        if (contact.isEmpty() && contacts.find(contactId).isEmpty()) {
          sessions.erase(contactId); // a stranger: nothing of theirs is kept
        }
      }
    }
  }

  private void handle(
      Received.Message received,
      InboundMessage in,
      String contactId,
      Session session,
      Optional<Contact> contact,
      Instant now) {
    Input input = in.input();
    OptOutWords.Kind kind = input instanceof Input.Text t ? words.of(t.text()) : null;
    if (kind == OptOutWords.Kind.STOP || kind == OptOutWords.Kind.START) {
      conversations.receive(
          with(in, new Input.Text(kind == OptOutWords.Kind.STOP ? "/stop" : "/start")));
      if (kind == OptOutWords.Kind.START) {
        release(contactId, in, now);
      }
      return;
    }
    String language = contact.map(Contact::language).orElse("en");
    Received.IncomingMedia file = received.media();
    boolean member = contact.map(c -> c.consented() && c.memberId() != null).orElse(false);
    if (file != null && member && !whatsapp.keeps(file.contentType())) {
      boolean wrote = !(input instanceof Input.Media);
      say(in, "whatsapp-media-type", wrote, language, now);
      if (!wrote) {
        return; // nothing else came with it
      }
      file = null;
    }
    if (file != null && member) {
      media.fetch(
          contactId,
          in.address(),
          in.platformId(),
          file,
          language,
          !(input instanceof Input.Media));
    }
    // A command, CANCEL or END is obeyed even as the answer that releases what was held.
    boolean obeyed =
        kind == OptOutWords.Kind.LEAVE
            || input instanceof Input.Text t && t.text().strip().startsWith("/");
    if (contact.isPresent() && !release(contactId, in, now).isEmpty() && !obeyed) {
      return;
    }
    conversations.receive(with(in, numbered(input, session)));
    if (kind == OptOutWords.Kind.LEAVE && contact.isPresent()) {
      say(in, "whatsapp-stop-how", false, language, now);
    }
  }

  /** "2" after numbered choices means the second one. */
  private static Input numbered(Input input, Session session) {
    if (input instanceof Input.Text t && t.text().strip().matches("\\d{1,2}")) {
      int n = Integer.parseInt(t.text().strip());
      if (n >= 1 && n <= session.choices().size()) {
        return new Input.Tap(session.choices().get(n - 1));
      }
    }
    return input;
  }

  /**
   * Sends what was held while the window was closed; answers what it released. Queued first and
   * only then taken off the session, so a failure in between leaves them held (and the retry's
   * copies, under the same ids, are taken by the outbox once).
   */
  private List<OutboundMessage> release(String contactId, InboundMessage in, Instant now) {
    List<OutboundMessage> held = sessions.find(contactId).held();
    List<OutboundMessage> again = new ArrayList<>();
    for (OutboundMessage m : held) {
      if (m.createdAt().isBefore(now.minus(HELD_FOR))) {
        continue; // its questions have long closed: the person would only be confused
      }
      again.add(
          new OutboundMessage(
              m.id() + "|released",
              m.to(),
              m.text(),
              m.buttons(),
              Priority.INTERACTIVE,
              m.source(),
              now,
              m.attachment()));
    }
    if (!again.isEmpty()) {
      outbox.send(again);
    }
    if (!held.isEmpty()) {
      sessions.released(
          contactId,
          held.stream().map(OutboundMessage::id).toList(),
          in.platformId() == null ? "local" : in.platformId());
    }
    return again;
  }

  /** {@code textKept}: the person wrote something with the file, and that is kept. */
  private void say(InboundMessage in, String key, boolean textKept, String language, Instant now) {
    String contactId = Contact.idOf(in.channel(), in.address());
    outbox.send(
        List.of(
            new OutboundMessage(
                contactId
                    + "|"
                    + key
                    + "@"
                    + (in.platformId() == null ? now.toEpochMilli() : in.platformId()),
                new Recipient(contactId, in.channel(), in.address()),
                texts.text(language, key)
                    + (textKept ? " " + texts.text(language, "whatsapp-text-kept") : ""),
                List.of(),
                Priority.INTERACTIVE,
                null,
                now)));
  }

  private static InboundMessage with(InboundMessage in, Input input) {
    return new InboundMessage(in.channel(), in.address(), in.platformId(), input, in.receivedAt());
  }
}
