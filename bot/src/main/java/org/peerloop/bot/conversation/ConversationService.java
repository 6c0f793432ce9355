package org.peerloop.bot.conversation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.peerloop.bot.contact.Contact;
import org.peerloop.bot.contact.ContactStore;
import org.peerloop.bot.contact.UnknownSenders;
import org.peerloop.bot.outbox.OutboundMessage;
import org.peerloop.bot.outbox.Outbox;
import org.peerloop.bot.outbox.Priority;
import org.peerloop.bot.outbox.Recipient;
import org.peerloop.bot.store.Durability;
import org.peerloop.content.engine.Engine;
import org.peerloop.content.engine.Event;
import org.peerloop.content.engine.Input;
import org.peerloop.content.engine.Payload;
import org.peerloop.content.engine.Result;
import org.peerloop.content.engine.SessionState;
import org.peerloop.content.engine.Status;
import org.peerloop.content.flow.Flow;
import org.peerloop.content.flow.FlowLibrary;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Connects the engine to people and the store. For each inbound message, one person at a time: drop
 * redeliveries, decide (pure: {@link Outcome}), then write — outbox, conversation, wake-up — make
 * it durable, release the replies, and only then let the channel acknowledge.
 *
 * <p>No multi-document transactions exist, so the writes are ordered for replay: the replies are
 * stored first under ids derived from the message, and the conversation (which remembers the
 * message's key) last. A crash in between leaves replies that recovery drops, and the platform's
 * redelivery produces them again under the same ids.
 */
@Service
public class ConversationService {

  static final String CONSENT_FLOW = "consent";
  static final String CHECKIN_FLOW = "checkin";
  private static final String DEFAULT_LANGUAGE = "en";

  private final ContactStore contacts;
  private final UnknownSenders unknown;
  private final ConversationStore conversations;
  private final Responses responses;
  private final WaitBuckets waits;
  private final Outbox outbox;
  private final Durability durability;
  private final FlowLibrary flows;
  private final BotTexts texts;
  private final Contexts contexts;
  private final Clock clock;
  private final Set<String> selfEnrolling;
  private final PersonLocks locks = new PersonLocks(1024);
  private final AtomicLong localIds = new AtomicLong();

  ConversationService(
      ContactStore contacts,
      UnknownSenders unknown,
      ConversationStore conversations,
      Responses responses,
      WaitBuckets waits,
      Outbox outbox,
      Durability durability,
      FlowLibrary flows,
      Clock clock,
      @Value("${peerloop.contacts.self-enrolling:web}") Set<String> selfEnrolling) {
    this.contacts = contacts;
    this.unknown = unknown;
    this.conversations = conversations;
    this.responses = responses;
    this.waits = waits;
    this.outbox = outbox;
    this.durability = durability;
    this.flows = flows;
    this.texts = new BotTexts(flows.catalog());
    this.contexts = new Contexts(flows.catalog(), texts);
    this.clock = clock;
    this.selfEnrolling = Set.copyOf(selfEnrolling);
  }

  /** Handles one inbound message; when this returns, everything it caused is durable. */
  public Receipt receive(InboundMessage in) {
    String contactId = Contact.idOf(in.channel(), in.address());
    return locks.with(contactId, () -> receiveLocked(in, contactId));
  }

  /** Starts a flow for a contact (commands; later the scheduler), {@code cause} naming why. */
  public void startFlow(String contactId, String flowId, String cause) {
    locks.with(
        contactId,
        () -> {
          Optional<Contact> contact = contacts.find(contactId);
          if (contact.isEmpty() || contact.get().stopped() || !contact.get().consented()) {
            return null;
          }
          Conversation before = conversations.find(contactId);
          String key = "start:" + cause;
          if (before.seen(key)) {
            return null;
          }
          Instant now = clock.instant();
          Outcome outcome = new Outcome(before);
          start(flowId, contact.get(), before, outcome, key, now);
          commit(contact.get(), before, outcome, key, now);
          return null;
        });
  }

  /** Fires a due reminder or expiry for the contact, if one is still due at {@code now}. */
  void wake(String contactId, Instant now) {
    locks.with(
        contactId,
        () -> {
          Optional<Contact> contact = contacts.find(contactId);
          Conversation before = conversations.find(contactId);
          if (contact.isEmpty() || contact.get().stopped() || !before.inFlow()) {
            return null;
          }
          SessionState s = before.session();
          Input input;
          Instant due;
          if (s.expireAt() != null && !now.isBefore(s.expireAt())) {
            input = new Input.Expire();
            due = s.expireAt();
          } else if (s.remindAt() != null && !now.isBefore(s.remindAt())) {
            input = new Input.Timeout();
            due = s.remindAt();
          } else {
            refile(before, now);
            return null;
          }
          String key = "wake:" + due.toEpochMilli();
          if (before.seen(key)) {
            return null;
          }
          Outcome outcome = new Outcome(before);
          resume(contact.get(), before, input, outcome, now);
          commit(contact.get(), before, outcome, key, now);
          return null;
        });
  }

  private Receipt receiveLocked(InboundMessage in, String contactId) {
    Instant now = clock.instant();
    Optional<Contact> found = contacts.find(contactId);
    if (found.isEmpty() && !selfEnrolling.contains(in.channel())) {
      return hint(in, contactId, now);
    }
    Contact contact =
        found.orElseGet(() -> contacts.create(in.channel(), in.address(), DEFAULT_LANGUAGE, now));
    if (contact.stopped()) {
      return Receipt.IGNORED;
    }
    Conversation before = conversations.find(contactId);
    String key =
        in.platformId() == null
            ? "local:" + now.toEpochMilli() + "-" + localIds.incrementAndGet()
            : in.key();
    if (before.seen(key)) {
      durability.awaitDurable(); // the first delivery's effects may still be on their way
      return Receipt.DUPLICATE;
    }
    boolean stale = in.input() instanceof Input.Tap tap && !current(before, tap.payload());
    Outcome outcome = new Outcome(before);
    decide(contact, before, in.input(), outcome, key, now);
    commit(contact, before, outcome, key, now);
    return stale ? Receipt.STALE : Receipt.PROCESSED;
  }

  /** True when the tapped payload answers the question the conversation is waiting on. */
  private static boolean current(Conversation c, String payload) {
    if (!c.inFlow()) {
      return false;
    }
    SessionState s = c.session();
    return Payload.decode(payload)
        .filter(p -> p.flowId().equals(s.flowId()) && p.stepId().equals(s.stepId()))
        .isPresent();
  }

  private void decide(
      Contact contact, Conversation before, Input input, Outcome o, String key, Instant now) {
    if (!contact.consented()) {
      if (before.inFlow(CONSENT_FLOW)) {
        resume(contact, before, input, o, now);
      } else {
        start(CONSENT_FLOW, contact, before, o, key, now);
      }
      return;
    }
    Optional<Command> command =
        input instanceof Input.Text t ? Command.parse(t.text()) : Optional.empty();
    if (command.isPresent()) {
      command(command.get(), contact, before, o, key, now);
    } else if (before.inFlow()) {
      resume(contact, before, input, o, now);
    } else {
      o.say(texts.text(contact.language(), "idle"));
    }
  }

  private void command(
      Command command, Contact contact, Conversation before, Outcome o, String key, Instant now) {
    String language = contact.language();
    switch (command.name()) {
      case "checkin" -> start(CHECKIN_FLOW, contact, before, o, key, now);
      case "help", "start" -> o.say(texts.text(language, "help"));
      default -> o.say(texts.text(language, "unknown-command"));
    }
  }

  private void start(
      String flowId, Contact contact, Conversation before, Outcome o, String key, Instant now) {
    if (before.inFlow()) {
      // A new flow replaces the one in progress, which ends as cancelled with what it had.
      SessionState s = before.session();
      o.finished.add(
          new Outcome.Finished(
              before.runId(), before.runStartedAt(), withStatus(s, Status.CANCELLED)));
    }
    Flow flow =
        flows.latest(flowId).orElseThrow(() -> new IllegalStateException("no flow " + flowId));
    o.runId = flowId + "@" + key;
    o.runStartedAt = now;
    apply(Engine.start(flow, contexts.of(contact, now), now), o);
  }

  private void resume(Contact contact, Conversation before, Input input, Outcome o, Instant now) {
    SessionState s = before.session();
    Flow flow =
        flows
            .flow(s.flowId(), s.revision())
            .orElseThrow(
                () -> new IllegalStateException("no flow " + s.flowId() + " r" + s.revision()));
    apply(Engine.resume(flow, s, input, contexts.of(contact, now), now), o);
  }

  private void apply(Result result, Outcome o) {
    SessionState state = result.state();
    for (Event event : result.events()) {
      if (event instanceof Event.MessageCreated m) {
        o.say(m.text(), m.buttons());
      } else if (event instanceof Event.AnswerSaved a
          && state.flowId().equals(CONSENT_FLOW)
          && a.kind() == org.peerloop.content.engine.AnswerKind.YES_NO) {
        o.consent = "yes".equals(a.value());
      } else if (event instanceof Event.FlowCompleted
          || event instanceof Event.FlowExpired
          || event instanceof Event.FlowCancelled) {
        o.finished.add(new Outcome.Finished(o.runId, o.runStartedAt, state));
      }
    }
    o.session = state;
  }

  private void commit(Contact contact, Conversation before, Outcome o, String key, Instant now) {
    String language = o.session != null ? o.session.language() : contact.language();
    if (o.consent != null && !o.session.waiting()) {
      o.say(texts.text(language, o.consent ? "consent-thanks" : "consent-declined"));
    }
    Recipient to = new Recipient(contact.id(), contact.channel(), contact.address());
    List<OutboundMessage> replies = new ArrayList<>();
    for (int i = 0; i < o.replies.size(); i++) {
      Outcome.Reply r = o.replies.get(i);
      replies.add(
          new OutboundMessage(
              contact.id() + "|" + key + "#" + i,
              to,
              r.text(),
              r.buttons(),
              Priority.INTERACTIVE,
              key,
              now));
    }
    outbox.enqueue(replies);
    if (o.consent != null && !o.session.waiting()) {
      if (o.consent) {
        contacts.consent(contact.id(), CONSENT_FLOW + "@r" + o.session.revision(), now);
      } else {
        contacts.decline(contact.id(), now);
      }
    }
    for (Outcome.Finished f : o.finished) {
      if (!f.end().flowId().equals(CONSENT_FLOW)) {
        responses.record(contact.id(), f.runId(), f.startedAt(), f.end(), now);
      }
    }
    Conversation after = before.next(o.session, o.runId, o.runStartedAt, key);
    Instant wake = nextWake(after.session());
    boolean file = wake != null && !filedInTime(after, wake, now);
    if (file) {
      after = after.withWakeAt(WaitBuckets.minuteOf(wake));
    }
    conversations.save(after);
    if (file) {
      waits.add(contact.id(), wake);
    }
    durability.awaitDurable();
    outbox.release(replies);
  }

  private Receipt hint(InboundMessage in, String contactId, Instant now) {
    if (!unknown.mayHint(contactId, now)) {
      return Receipt.IGNORED;
    }
    Recipient to = new Recipient(contactId, in.channel(), in.address());
    String id = contactId + "|hint@" + now.toEpochMilli();
    outbox.send(
        List.of(
            new OutboundMessage(
                id,
                to,
                texts.text(DEFAULT_LANGUAGE, "unknown-sender"),
                List.of(),
                Priority.INTERACTIVE,
                null,
                now)));
    return Receipt.HINTED;
  }

  /**
   * True when the contact already sits in a bucket that fires at or before {@code wake} and has not
   * fired yet: that bucket will wake it, and {@link #refile} moves it on.
   */
  private static boolean filedInTime(Conversation c, Instant wake, Instant now) {
    Instant filed = c.wakeAt();
    return filed != null
        && !filed.isAfter(WaitBuckets.minuteOf(wake))
        && filed.isAfter(WaitBuckets.minuteOf(now).minusSeconds(60));
  }

  /** Woken early (the deadline moved later): file the contact under its real next wake-up. */
  private void refile(Conversation c, Instant now) {
    Instant wake = nextWake(c.session());
    if (wake == null
        || filedInTime(c, wake, now) && !c.wakeAt().isBefore(WaitBuckets.minuteOf(now))) {
      return;
    }
    conversations.save(c.withWakeAt(WaitBuckets.minuteOf(wake)));
    waits.add(c.contactId(), wake);
  }

  static Instant nextWake(SessionState s) {
    if (s == null || !s.waiting()) {
      return null;
    }
    if (s.remindAt() == null) {
      return s.expireAt();
    }
    if (s.expireAt() == null) {
      return s.remindAt();
    }
    return s.remindAt().isBefore(s.expireAt()) ? s.remindAt() : s.expireAt();
  }

  private static SessionState withStatus(SessionState s, Status status) {
    return new SessionState(
        s.flowId(),
        s.revision(),
        s.language(),
        status,
        s.stepId(),
        s.attempts(),
        s.answers(),
        s.path(),
        null,
        null,
        s.remindersSent());
  }
}
