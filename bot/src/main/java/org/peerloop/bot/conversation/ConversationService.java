package org.peerloop.bot.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.peerloop.bot.broadcast.BroadcastChat;
import org.peerloop.bot.contact.Contact;
import org.peerloop.bot.contact.ContactStore;
import org.peerloop.bot.contact.UnknownSenders;
import org.peerloop.bot.instruments.Cadence;
import org.peerloop.bot.instruments.Instruments;
import org.peerloop.bot.instruments.RunEnd;
import org.peerloop.bot.outbox.Attachment;
import org.peerloop.bot.outbox.Attachments;
import org.peerloop.bot.outbox.OutboundMessage;
import org.peerloop.bot.outbox.Outbox;
import org.peerloop.bot.outbox.Priority;
import org.peerloop.bot.outbox.Recipient;
import org.peerloop.bot.people.Invite;
import org.peerloop.bot.people.InviteStore;
import org.peerloop.bot.people.Member;
import org.peerloop.bot.people.MemberStatus;
import org.peerloop.bot.people.MemberStore;
import org.peerloop.bot.people.Membership;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.privacy.Privacy;
import org.peerloop.bot.privacy.Subject;
import org.peerloop.bot.schedule.ScheduleStore;
import org.peerloop.bot.store.Durability;
import org.peerloop.bot.texts.BotTexts;
import org.peerloop.content.engine.Engine;
import org.peerloop.content.engine.Event;
import org.peerloop.content.engine.Input;
import org.peerloop.content.engine.Payload;
import org.peerloop.content.engine.Result;
import org.peerloop.content.engine.SessionState;
import org.peerloop.content.engine.Status;
import org.peerloop.content.flow.Flow;
import org.peerloop.content.flow.FlowLibrary;
import org.peerloop.scheduler.DueStore;
import org.peerloop.scheduler.Period;
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
  static final String WELCOME_FLOW = "welcome";

  /** Flows run before a person consents: their answers are never recorded as responses. */
  static final Set<String> ONBOARDING = Set.of(CONSENT_FLOW, WELCOME_FLOW, Joining.FLOW);

  /** How many bad-code replies an unknown identity gets a day (a person retyping a code). */
  static final int CODE_REPLIES_A_DAY = 5;

  private static final String DEFAULT_LANGUAGE = "en";

  private final ContactStore contacts;
  private final UnknownSenders unknown;
  private final ConversationStore conversations;
  private final Responses responses;
  private final DueStore due;
  private final ScheduleStore schedules;
  private final org.peerloop.bot.schedule.Facilitation facilitation;
  private final Outbox outbox;
  private final Durability durability;
  private final FlowLibrary flows;
  private final BotTexts texts;
  private final Contexts contexts;
  private final Clock clock;
  private final Persons persons;
  private final Joining joining;
  private final Commands commands;
  private final InviteStore invites;
  private final MemberStore members;
  private final Privacy privacy;
  private final Attachments attachments;
  private final Instruments instruments;
  private final BroadcastChat broadcastChat;
  private final Set<String> selfEnrolling;
  private final PersonLocks locks = new PersonLocks(1024);
  private final AtomicLong localIds = new AtomicLong();

  ConversationService(
      ContactStore contacts,
      UnknownSenders unknown,
      ConversationStore conversations,
      Responses responses,
      DueStore due,
      ScheduleStore schedules,
      org.peerloop.bot.schedule.Facilitation facilitation,
      Outbox outbox,
      Durability durability,
      FlowLibrary flows,
      Clock clock,
      Persons persons,
      Joining joining,
      Commands commands,
      InviteStore invites,
      MemberStore members,
      Privacy privacy,
      Attachments attachments,
      Instruments instruments,
      BroadcastChat broadcastChat,
      @Value("${peerloop.contacts.self-enrolling:}") Set<String> selfEnrolling) {
    this.broadcastChat = broadcastChat;
    this.contacts = contacts;
    this.unknown = unknown;
    this.conversations = conversations;
    this.responses = responses;
    this.due = due;
    this.schedules = schedules;
    this.facilitation = facilitation;
    this.outbox = outbox;
    this.durability = durability;
    this.flows = flows;
    this.texts = new BotTexts(flows.catalog());
    this.contexts = new Contexts(flows.catalog(), texts, instruments);
    this.clock = clock;
    this.persons = persons;
    this.joining = joining;
    this.commands = commands;
    this.commands.texts(texts);
    this.invites = invites;
    this.members = members;
    this.privacy = privacy;
    this.attachments = attachments;
    this.instruments = instruments;
    this.selfEnrolling = Set.copyOf(selfEnrolling);
  }

  /** Handles one inbound message; when this returns, everything it caused is durable. */
  public Receipt receive(InboundMessage in) {
    String contactId = Contact.idOf(in.channel(), in.address());
    return locks.with(contactId, () -> receiveLocked(in, contactId));
  }

  /**
   * Starts a flow for a contact (a command), {@code cause} naming why, about {@code partnership}
   * (null: the person's current one).
   */
  public void startFlow(String contactId, String flowId, String partnership, String cause) {
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
          Person person = persons.of(contact.get());
          Outcome outcome = new Outcome(before);
          start(flowId, person, partnership, person.language(), outcome, key, now);
          commit(person, before, outcome, key, now);
          return null;
        });
  }

  /** What became of a nudge: a run started, or why not. */
  public sealed interface Nudged {
    /** The run started (or had started: a replay). */
    record Started() implements Nudged {}

    /** The person is in another flow, which waits until {@code until} at the latest. */
    record Busy(Instant until) implements Nudged {}

    /** Nobody to send it to: no such contact, stopped, or not consented. */
    record Unreachable() implements Nudged {}
  }

  /**
   * Starts {@code flowId} for a contact because of due work {@code cause}, its answers counting in
   * {@code period}; never over another flow in progress (one whose time is up is expired first).
   * {@code starting} runs under the person's lock just before the run is written, so what it
   * records exists before the run can end. Safe to call again for the same cause.
   */
  public Nudged nudge(
      String contactId,
      String flowId,
      String partnership,
      String cause,
      String period,
      Runnable starting) {
    return locks.with(
        contactId,
        () -> {
          Optional<Contact> contact = contacts.find(contactId);
          if (contact.isEmpty() || contact.get().stopped() || !contact.get().consented()) {
            return new Nudged.Unreachable();
          }
          Conversation before = conversations.find(contactId);
          String key = "start:" + cause;
          if (before.seen(key)) {
            return new Nudged.Started();
          }
          Instant now = clock.instant();
          Person person = persons.of(contact.get());
          Outcome outcome = new Outcome(before);
          if (before.inFlow()) {
            Instant until = before.session().expireAt();
            if (until != null && !now.isBefore(until)) {
              // Its expiry is due but not yet claimed: expire it now, then start.
              resume(person, before, new Input.Expire(), outcome, now);
            } else {
              return new Nudged.Busy(until == null ? now.plusSeconds(3600) : until);
            }
          }
          start(flowId, person, partnership, null, period, person.language(), outcome, key, now);
          starting.run();
          commit(person, before, outcome, key, now);
          return new Nudged.Started();
        });
  }

  /** Fires a due reminder or expiry for the contact, if one is still due at {@code now}. */
  public void wake(String contactId, Instant now) {
    locks.with(
        contactId,
        () -> {
          Optional<Contact> contact = contacts.find(contactId);
          Conversation before = conversations.find(contactId);
          if (contact.isEmpty() || contact.get().stopped() || !before.inFlow()) {
            return null;
          }
          // The item that woke us has fired: whatever comes next must be filed anew.
          before = before.withWakeAt(null);
          SessionState s = before.session();
          Person who = persons.of(contact.get());
          Input input;
          Instant dueAt;
          if (s.expireAt() != null && !now.isBefore(s.expireAt())) {
            input = new Input.Expire();
            dueAt = s.expireAt();
          } else if (s.remindAt() != null && !now.isBefore(s.remindAt()) && !paused(who)) {
            input = new Input.Timeout();
            dueAt = s.remindAt();
          } else {
            refile(who, before, paused(who) ? s.expireAt() : nextWake(s), now);
            return null;
          }
          String key = "wake:" + dueAt.toEpochMilli();
          if (before.seen(key)) {
            return null;
          }
          Instant morning = awake(who, before.partnership(), now);
          if (morning.isAfter(now)) {
            // Woken in their quiet hours (catching up after an outage): wait for the morning.
            refile(who, before, morning, now);
            return null;
          }
          Outcome outcome = new Outcome(before);
          resume(who, before, input, outcome, now);
          commit(who, before, outcome, key, now);
          return null;
        });
  }

  /** Paused people get no reminders; their run still expires when its time is up. */
  private static boolean paused(Person p) {
    return p.member() != null && p.member().status() == MemberStatus.PAUSED;
  }

  private Receipt receiveLocked(InboundMessage in, String contactId) {
    Instant now = clock.instant();
    // A button that carries a command (a partnership or language picker) is that command typed.
    Input input =
        in.input() instanceof Input.Tap tap && tap.payload().startsWith("/")
            ? new Input.Text(tap.payload())
            : in.input();
    Optional<Contact> found = contacts.find(contactId);
    Optional<String> code = JoinAttempt.code(input);
    if (found.isEmpty()) {
      if (code.isPresent()) {
        Optional<Invite> invite = usableInvite(code.get(), now);
        if (invite.isEmpty()) {
          return hint(in, contactId, now, "bad-code", CODE_REPLIES_A_DAY);
        }
        Invite i = invite.get();
        String language =
            persons.partnership(i.partnership()).map(p -> p.language()).orElse(DEFAULT_LANGUAGE);
        // The code itself is remembered by decide(), which starts the join for every contact.
        found = Optional.of(contacts.create(in.channel(), in.address(), language, now));
      } else if (!selfEnrolling.contains(in.channel())) {
        return hint(in, contactId, now, "unknown-sender", 1);
      }
    }
    Contact contact =
        found.orElseGet(() -> contacts.create(in.channel(), in.address(), DEFAULT_LANGUAGE, now));
    boolean restarted = contact.stopped();
    if (restarted) {
      if (!isStart(input)) {
        return stoppedHint(in, "stopped:" + contactId, now);
      }
      contacts.reactivate(contactId);
      members.update(
          contact.memberId(),
          m -> m.status().canBecome(MemberStatus.ACTIVE) ? m.withStatus(MemberStatus.ACTIVE) : m);
      contact = contacts.find(contactId).orElseThrow();
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
    boolean stale = input instanceof Input.Tap tap && !current(before, tap.payload());
    Person person = persons.of(contact);
    Outcome outcome = new Outcome(before);
    if (restarted && code.isEmpty()) {
      outcome.say(texts.text(contact.language(), "welcome-back"));
    } else {
      decide(person, before, input, code, outcome, key, now);
    }
    if (outcome.forget) {
      forget(person, now);
      return Receipt.PROCESSED;
    }
    commit(person, before, outcome, key, now);
    return stale ? Receipt.STALE : Receipt.PROCESSED;
  }

  private static boolean isStart(Input input) {
    if (!(input instanceof Input.Text t) || t.text() == null) {
      return false;
    }
    String text = t.text().strip();
    return text.equalsIgnoreCase("start")
        || Command.parse(text).map(c -> c.name().equals("start")).orElse(false);
  }

  private Optional<Invite> usableInvite(String code, Instant now) {
    return invites.find(code).filter(i -> i.usableAt(now) || personalOpen(i, now));
  }

  /** A personal code (from an import) stays good until its member joins. */
  private boolean personalOpen(Invite i, Instant now) {
    return i.memberId() != null
        && (i.expiresAt() == null || now.isBefore(i.expiresAt()))
        && members.find(i.memberId()).map(m -> m.status() == MemberStatus.INVITED).orElse(false);
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
      Person person,
      Conversation before,
      Input input,
      Optional<String> code,
      Outcome o,
      String key,
      Instant now) {
    Contact contact = person.contact();
    if (!contact.consented()) {
      if (code.isPresent()) {
        // A code (again, or another one) starts the join over: never read as an answer.
        joinWith(person, code.get(), o, key, now);
      } else if (before.inFlow() && ONBOARDING.contains(before.session().flowId())) {
        resume(person, before, input, o, now);
      } else if (person.joining() != null) {
        start(
            WELCOME_FLOW, person, person.joining().partnership(), contact.language(), o, key, now);
      } else if (selfEnrolling.contains(contact.channel())) {
        start(CONSENT_FLOW, person, null, contact.language(), o, key, now);
      } else {
        o.say(texts.text(contact.language(), "unknown-sender"));
      }
      afterOnboarding(person, o, key, now);
      return;
    }
    if (code.isPresent() && person.member() == null) {
      joinWith(person, code.get(), o, key, now); // consented on a self-enrolling channel
      return;
    }
    if (code.isPresent()) {
      joinAnother(person, code.get(), o, now);
      return;
    }
    Optional<Command> command =
        input instanceof Input.Text t ? Command.parse(t.text()) : Optional.empty();
    if (command.isPresent()) {
      Person p = person;
      commands.run(
          command.get(),
          person,
          o,
          now,
          (flowId, partnership, subject) ->
              start(flowId, p, partnership, subject, p.language(), o, key, now));
    } else if (before.inFlow()) {
      resume(person, before, input, o, now);
      afterOnboarding(person, o, key, now);
    } else {
      o.say(texts.text(contact.language(), "idle"));
    }
  }

  private void joinWith(Person person, String code, Outcome o, String key, Instant now) {
    Contact contact = person.contact();
    Optional<Invite> invite = usableInvite(code, now);
    if (invite.isEmpty()) {
      o.say(texts.text(contact.language(), "bad-code"));
      return;
    }
    contacts.joining(contact.id(), invite.get().code());
    Person joining = new Person(contact, null, invite.get());
    start(WELCOME_FLOW, joining, invite.get().partnership(), contact.language(), o, key, now);
  }

  /** The welcome flow ended with a language: the join flow follows at once, in that language. */
  private void afterOnboarding(Person person, Outcome o, String key, Instant now) {
    if (o.welcomeLanguage != null && person.joining() != null) {
      start(Joining.FLOW, person, person.joining().partnership(), o.welcomeLanguage, o, key, now);
    }
  }

  /** A member with a code for another partnership (or another role) is added to it at once. */
  private void joinAnother(Person person, String code, Outcome o, Instant now) {
    String lang = person.language();
    Member member = person.member();
    Optional<Invite> invite = usableInvite(code, now);
    if (invite.isEmpty() || member == null) {
      o.say(texts.text(lang, invite.isEmpty() ? "bad-code" : "no-partnership"));
      return;
    }
    Invite i = invite.get();
    Optional<Partnership> partnership = persons.partnership(i.partnership());
    Map<String, String> values =
        Map.of(
            "partnership", partnership.map(Partnership::name).orElse(i.partnership()),
            "organisation",
                partnership
                    .flatMap(p -> p.organisation(i.organisation()))
                    .map(org -> org.name())
                    .orElse(i.organisation()),
            "role", texts.text(lang, "role-" + i.role().slug()));
    Membership place = new Membership(i.partnership(), i.organisation(), i.role());
    if (member.in(i.partnership()).filter(place::equals).isPresent()) {
      o.say(texts.text(lang, "already-member", values));
      return;
    }
    if (invites.redeem(i.code(), now).isEmpty() && !personalOpen(i, now)) {
      o.say(texts.text(lang, "bad-code"));
      return;
    }
    members.update(member.id(), m -> m.withMembership(place));
    o.say(texts.text(lang, "joined-another", values));
  }

  private void start(
      String flowId,
      Person person,
      String partnership,
      String language,
      Outcome o,
      String key,
      Instant now) {
    start(flowId, person, partnership, null, null, language, o, key, now);
  }

  private void start(
      String flowId,
      Person person,
      String partnership,
      String subject,
      String language,
      Outcome o,
      String key,
      Instant now) {
    start(flowId, person, partnership, subject, null, language, o, key, now);
  }

  /** {@code period}: the nudge's, or null for the period the run starts in. */
  private void start(
      String flowId,
      Person person,
      String partnership,
      String subject,
      String period,
      String language,
      Outcome o,
      String key,
      Instant now) {
    if (o.inFlow()) {
      // A new flow replaces the one in progress, which ends as cancelled with what it had.
      o.finished.add(o.finished(withStatus(o.session, Status.CANCELLED)));
    }
    Flow flow =
        flows.latest(flowId).orElseThrow(() -> new IllegalStateException("no flow " + flowId));
    Partnership about =
        partnership != null
            ? persons.partnership(partnership).orElse(null)
            : persons.about(person, null).orElse(null);
    o.runId = flowId + "@" + key;
    o.runStartedAt = now;
    o.runPartnership = about == null ? null : about.slug();
    o.runPeriod =
        period != null
            ? period
            : Period.of(
                    Cadence.periodOf(flowId), now, about == null ? ZoneOffset.UTC : about.zone())
                .id();
    o.runSubject = subject;
    Run run = new Run(flowId, o.runPeriod, subject);
    apply(Engine.start(flow, contexts.of(person, language, about, now, run), now), o);
  }

  private void resume(Person person, Conversation before, Input input, Outcome o, Instant now) {
    SessionState s = before.session();
    Flow flow =
        flows
            .flow(s.flowId(), s.revision())
            .orElseThrow(
                () -> new IllegalStateException("no flow " + s.flowId() + " r" + s.revision()));
    Partnership about = persons.about(person, before.partnership()).orElse(null);
    Run run = new Run(s.flowId(), before.period(), before.subject());
    apply(
        Engine.resume(flow, s, input, contexts.of(person, s.language(), about, now, run), now), o);
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
        Outcome.Finished f = o.finished(state);
        o.finished.add(f);
        if (state.flowId().equals(WELCOME_FLOW) && event instanceof Event.FlowCompleted) {
          o.welcomeLanguage = state.answers().get("language");
        } else if (state.flowId().equals(Joining.FLOW)) {
          o.joinEnded = f;
        }
      }
    }
    o.session = state;
  }

  private void commit(Person person, Conversation before, Outcome o, String key, Instant now) {
    Contact contact = person.contact();
    String language = o.session != null ? o.session.language() : contact.language();
    if (o.consent != null && !o.session.waiting()) {
      o.say(texts.text(language, o.consent ? "consent-thanks" : "consent-declined"));
    }
    if (o.joinEnded != null) {
      finishJoin(person, o, now);
    }
    if (o.export) {
      exportData(person, o, now);
    }
    for (Outcome.Finished f : o.finished) {
      if (f.end().flowId().equals(BroadcastChat.FLOW) && f.end().status() == Status.COMPLETED) {
        // The key message is written: store the draft (its id is the run's, so a replayed step
        // finds it again) and show the preview with its choices.
        broadcastChat
            .written(
                person.member(),
                f.end().language(),
                f.partnership(),
                f.subject(),
                f.end().answers(),
                "b" + Hashes.of(contact.id() + "|" + f.runId()).substring(0, 12))
            .forEach(
                said ->
                    o.replies.add(
                        new Outcome.Reply(said.text(), said.buttons(), said.attachment())));
      }
    }
    Recipient to =
        o.lastWord
            ? Recipient.lastWord(contact.channel(), contact.address())
            : new Recipient(contact.id(), contact.channel(), contact.address());
    List<OutboundMessage> replies = new ArrayList<>();
    for (int i = 0; i < o.replies.size(); i++) {
      Outcome.Reply r = o.replies.get(i);
      String id = contact.id() + "|" + key + "#" + i;
      replies.add(
          new OutboundMessage(
              o.lastWord ? Recipient.LAST_WORD + "|" + Hashes.of(id) : id,
              to,
              r.text(),
              r.buttons(),
              Priority.INTERACTIVE,
              key,
              now,
              r.attachment()));
    }
    outbox.enqueue(replies);
    if (o.consent != null && !o.session.waiting()) {
      if (o.consent) {
        contacts.consent(contact.id(), CONSENT_FLOW + "@r" + o.session.revision(), now);
      } else {
        contacts.decline(contact.id(), now);
      }
    }
    if (o.welcomeLanguage != null) {
      contacts.language(contact.id(), o.welcomeLanguage);
    }
    if (o.stop) {
      contacts.stop(contact.id());
      members.update(
          contact.memberId(),
          m -> m.status().canBecome(MemberStatus.STOPPED) ? m.withStatus(MemberStatus.STOPPED) : m);
    }
    String memberId = person.member() == null ? null : person.member().id();
    for (Outcome.Finished f : o.finished) {
      if (ONBOARDING.contains(f.end().flowId())) {
        continue;
      }
      // An anonymous flow's answers are kept only apart from the person (see Instruments).
      if (!anonymous(f.end())) {
        responses.record(
            contact.id(), memberId, f.partnership(), f.runId(), f.startedAt(), f.end(), now);
      }
      instruments.ended(runEnd(person, f, now));
    }
    Conversation after =
        before.next(
            o.session, o.runId, o.runStartedAt, o.runPartnership, o.runPeriod, o.runSubject, key);
    Instant wake = awake(person, after.partnership(), nextWake(after.session()));
    boolean file = wake != null && !filedInTime(after, wake, now);
    if (file) {
      after = after.withWakeAt(minuteOf(wake));
    }
    if (file) {
      // Filed before the conversation says so: a crash in between leaves an extra wake-up
      // (harmless: it finds nothing due), never a conversation waiting on one that was not filed.
      due.file(List.of(due.wake(contact.id(), wake)), now);
    }
    conversations.save(after);
    durability.awaitDurable();
    outbox.release(replies);
  }

  private boolean anonymous(SessionState end) {
    return flows.flow(end.flowId(), end.revision()).map(Flow::anonymous).orElse(true);
  }

  private RunEnd runEnd(Person person, Outcome.Finished f, Instant now) {
    Member m = person.member();
    String organisation =
        m == null || f.partnership() == null
            ? null
            : m.in(f.partnership()).map(Membership::organisation).orElse(null);
    SessionState end = f.end();
    return new RunEnd(
        person.contact().id(),
        m == null ? null : m.id(),
        f.partnership(),
        organisation,
        f.runId(),
        end.flowId(),
        end.revision(),
        end.language(),
        end.status().name().toLowerCase(java.util.Locale.ROOT),
        end.answers(),
        f.period(),
        f.subject(),
        f.startedAt(),
        now);
  }

  private void finishJoin(Person person, Outcome o, Instant now) {
    Outcome.Finished f = o.joinEnded;
    SessionState end = f.end();
    String lang = end.language();
    Partnership about = persons.partnership(f.partnership()).orElse(null);
    String proposed = Contexts.zone(person, about);
    Joining.Result result = joining.finish(person, f.runId(), end, proposed, now);
    if (result instanceof Joining.Joined j) {
      facilitation.replan(j.member().id()); // nudges already planned for the others
      Person joined = new Person(person.contact(), j.member(), null);
      Map<String, String> values = contexts.values(joined, lang, about, now);
      if (j.zoneKept()) {
        o.say(texts.text(lang, "timezone-kept", values));
      }
      o.say(texts.text(lang, "joined", values));
    } else if (result instanceof Joining.UsedUp) {
      o.say(texts.text(lang, "code-used-up"));
    } else if (result instanceof Joining.Declined) {
      o.say(texts.text(lang, "consent-declined"));
    } else if (result instanceof Joining.Abandoned a
        && !a.said()
        && end.status() == Status.CANCELLED) {
      o.say(texts.text(lang, "not-joined"));
    }
  }

  private Subject subject(Person person) {
    Contact contact = person.contact();
    if (person.member() == null) {
      return new Subject(null, List.of(contact.id()));
    }
    List<String> ids = new ArrayList<>(person.member().contacts());
    if (!ids.contains(contact.id())) {
      ids.add(contact.id());
    }
    return new Subject(person.member().id(), ids);
  }

  /**
   * Their data as a JSON file, kept under their own folder (erased with them, cleaned up later).
   */
  private void exportData(Person person, Outcome o, Instant now) {
    String json = privacy.export(subject(person), now);
    Attachment file =
        attachments.put(
            person.contact().id(),
            "peerloop-my-data.json",
            "application/json",
            json.getBytes(StandardCharsets.UTF_8));
    o.replies.add(new Outcome.Reply(texts.text(person.language(), "mydata-sent"), List.of(), file));
  }

  /**
   * Erases everything about the person, then says goodbye as a last word: addressed to no contact,
   * so the goodbye leaves nothing behind but a line in the send log without a name or number.
   */
  private void forget(Person person, Instant now) {
    Contact contact = person.contact();
    String goodbye = texts.text(person.language(), "forgotten");
    privacy.erase(subject(person));
    durability.awaitDurable();
    outbox.send(
        List.of(
            new OutboundMessage(
                Recipient.LAST_WORD + "|" + UUID.randomUUID(),
                Recipient.lastWord(contact.channel(), contact.address()),
                goodbye,
                List.of(),
                Priority.INTERACTIVE,
                null,
                now)));
  }

  private Receipt hint(InboundMessage in, String contactId, Instant now, String text, int perDay) {
    if (!unknown.mayHint(contactId, now, perDay, !"web".equals(in.channel()))) {
      return Receipt.IGNORED;
    }
    Recipient to = new Recipient(contactId, in.channel(), in.address());
    String id = contactId + "|hint@" + now.toEpochMilli();
    outbox.send(
        List.of(
            new OutboundMessage(
                id,
                to,
                texts.text(DEFAULT_LANGUAGE, text),
                List.of(),
                Priority.INTERACTIVE,
                null,
                now)));
    return Receipt.HINTED;
  }

  /** A stopped person who writes is reminded once a day how to turn messages back on. */
  private Receipt stoppedHint(InboundMessage in, String hintKey, Instant now) {
    String contactId = Contact.idOf(in.channel(), in.address());
    if (!unknown.mayHint(hintKey, now, 1, true)) {
      return Receipt.IGNORED;
    }
    String language = contacts.find(contactId).map(Contact::language).orElse(DEFAULT_LANGUAGE);
    outbox.send(
        List.of(
            new OutboundMessage(
                Recipient.LAST_WORD + "|" + Hashes.of(contactId + "|" + now.toEpochMilli()),
                Recipient.lastWord(in.channel(), in.address()),
                texts.text(language, "stopped-hint"),
                List.of(),
                Priority.INTERACTIVE,
                null,
                now)));
    return Receipt.IGNORED;
  }

  /**
   * True when the contact already sits in a bucket that fires at or before {@code wake} and has not
   * fired yet: that bucket will wake it, and {@link #refile} moves it on.
   */
  private static boolean filedInTime(Conversation c, Instant wake, Instant now) {
    Instant filed = c.wakeAt();
    // A bucket fires as soon as its minute starts: one for the current minute may have fired.
    return filed != null && !filed.isAfter(minuteOf(wake)) && filed.isAfter(minuteOf(now));
  }

  /** Woken with nothing due (the deadline moved later): file the contact under {@code next}. */
  private void refile(Person person, Conversation c, Instant next, Instant now) {
    Instant wake = awake(person, c.partnership(), next);
    if (wake == null) {
      conversations.save(c);
      return;
    }
    due.file(List.of(due.wake(c.contactId(), wake)), now);
    conversations.save(c.withWakeAt(minuteOf(wake)));
  }

  /**
   * A reminder or expiry that would fall in the person's quiet hours waits for the morning: their
   * own zone, else the partnership's, and that partnership's quiet hours.
   */
  private Instant awake(Person person, String partnership, Instant at) {
    if (at == null) {
      return null;
    }
    Optional<Partnership> about =
        partnership == null ? Optional.empty() : persons.partnership(partnership);
    boolean ownZone =
        person.member() != null && org.peerloop.bot.people.Zones.exists(person.member().timezone());
    if (!ownZone && about.isEmpty()) {
      return at; // nobody knows where they are: no night to avoid
    }
    Optional<org.peerloop.scheduler.Schedule> schedule = about.map(schedules::of);
    java.time.ZoneId zone =
        ownZone ? java.time.ZoneId.of(person.member().timezone()) : schedule.get().zone();
    org.peerloop.scheduler.QuietHours quiet =
        schedule
            .map(org.peerloop.scheduler.Schedule::quiet)
            .orElse(org.peerloop.scheduler.QuietHours.DEFAULT);
    return quiet.adjust(at, zone);
  }

  static Instant minuteOf(Instant at) {
    return at.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
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
