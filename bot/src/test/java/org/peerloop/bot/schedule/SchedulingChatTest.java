package org.peerloop.bot.schedule;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerloop.bot.contact.ContactStore;
import org.peerloop.bot.conversation.ConversationService;
import org.peerloop.bot.outbox.OutboundMessage;
import org.peerloop.bot.people.InviteStore;
import org.peerloop.bot.people.Member;
import org.peerloop.bot.people.MemberStatus;
import org.peerloop.bot.people.MemberStore;
import org.peerloop.bot.people.Organisation;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.PartnershipStore;
import org.peerloop.bot.people.Role;
import org.peerloop.bot.testing.ChatPerson;
import org.peerloop.bot.testing.MutableClock;
import org.peerloop.bot.testing.Phone;
import org.peerloop.scheduler.DueWork;
import org.peerloop.scheduler.Period;
import org.peerloop.scheduler.Planner;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The scheduler end to end: members join a partnership through the conversation service, the
 * planner plans the default cadences, and due work is claimed as a test clock moves: who is nudged
 * when (their own 09:00, never at night), who is not (paused, stopped, busy in another flow), and
 * what the response-rate counters say afterwards. Each test uses its own partnership and its own
 * stretch of time, so the shared clock only moves forward.
 */
@SpringBootTest(properties = {"peerloop.store.memory=true", "peerloop.scheduler.jobs=false"})
class SchedulingChatTest {

  /** A Saturday: the next Monday is 2026-12-07. Later tests move on by whole weeks. */
  static final Instant START = Instant.parse("2026-12-05T10:00:00Z");

  @TestConfiguration
  static class Fakes {
    @Bean
    @Primary
    MutableClock testClock() {
      return new MutableClock(START);
    }

    @Bean
    Phone phone() {
      return new Phone();
    }
  }

  @Autowired ConversationService service;
  @Autowired ContactStore contacts;
  @Autowired MemberStore members;
  @Autowired InviteStore invites;
  @Autowired PartnershipStore partnerships;
  @Autowired MongoTemplate mongo;
  @Autowired MutableClock clock;
  @Autowired Phone phone;
  @Autowired Planner planner;
  @Autowired DueWork due;

  private static final AtomicLong ids = new AtomicLong();
  private String slug;
  private Instant mondayMidnight;
  private final Map<String, String> codes = new HashMap<>();

  @BeforeEach
  void aPartnershipAndAWeekOfItsOwn() {
    // Each test starts on the Saturday after the clock's current time, at 10:00 UTC.
    Instant now = clock.instant();
    Instant saturday = START;
    while (!saturday.isAfter(now)) {
      saturday = saturday.plus(Duration.ofDays(7));
    }
    clock.set(saturday);
    mondayMidnight =
        saturday.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofDays(2));
    slug = "s" + ids.incrementAndGet() + "-" + (System.nanoTime() % 100000);
    partnerships.create(
        new Partnership(
            slug,
            "Kisumu and Isiolo",
            "Africa/Nairobi",
            "en",
            List.of(
                new Organisation("kisumu", "Kisumu County"),
                new Organisation("isiolo", "Isiolo County")),
            List.of(),
            null,
            List.of(),
            clock.instant()));
    for (String org : List.of("kisumu", "isiolo")) {
      codes.put(org, invites.create(slug, org, Role.PEER, 20, null, null, saturday).code());
    }
    codes.put(
        "facilitator",
        invites.create(slug, "isiolo", Role.FACILITATOR, 5, null, null, saturday).code());
  }

  /** This test's Monday (two days after its Saturday) at {@code hh:mm} UTC. */
  private Instant monday(int hour, int minute) {
    return mondayMidnight.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(minute));
  }

  /** Moves the clock to {@code t} and claims what is due, as the Quartz job would. */
  private void at(Instant t) {
    clock.set(t);
    due.poll();
  }

  @Test
  void eachMemberIsNudgedAtNineInTheirOwnZone() {
    Person nairobi = new Person().join("kisumu", "Achieng");
    Person paris = new Person().join("isiolo", "Amina");
    paris.say("/timezone Europe/Paris");
    paris.await("Europe/Paris");
    Person newYork = new Person().join("isiolo", "Hassan");
    newYork.say("/timezone America/New_York");
    newYork.await("America/New_York");
    planner.plan();

    at(monday(5, 59)); // 08:59 in Nairobi
    assertThat(nairobi.checkins()).isZero();
    at(monday(6, 0).plusSeconds(5)); // 09:00 in Nairobi (UTC+3)
    nairobi.await("weekly check-in");
    assertThat(paris.checkins()).isZero();
    at(monday(8, 0).plusSeconds(5)); // 09:00 in Paris (UTC+1 in December)
    paris.await("weekly check-in");
    assertThat(newYork.checkins()).isZero();
    at(monday(14, 0).plusSeconds(5)); // 09:00 in New York (UTC-5 in December)
    newYork.await("weekly check-in");

    at(monday(23, 0)); // and nobody twice
    assertThat(List.of(nairobi.checkins(), paris.checkins(), newYork.checkins()))
        .containsExactly(1, 1, 1);
    Document counts = rollup("checkin", "isiolo");
    assertThat(counts.get("due", Number.class).longValue()).isEqualTo(2);
    assertThat(counts.get("sent", Number.class).longValue()).isEqualTo(2);
  }

  @Test
  void pausedStoppedAndBusyMembersAreNotInterrupted() {
    Person paused = new Person().join("kisumu", "Paused");
    paused.say("/pause");
    paused.await("Paused");
    Person back = new Person().join("kisumu", "Baraka");
    back.say("/pause 1 day"); // ends on Sunday, before Monday's nudge
    back.await("Paused until");
    Person stopped = new Person().join("kisumu", "Stopped");
    stopped.say("/stop");
    stopped.await("not send you any more");
    Person busy = new Person().join("kisumu", "Busy");
    planner.plan();

    at(monday(5, 50));
    busy.say("/change"); // in the middle of reporting a change when the nudge falls due
    busy.await("Who");
    at(monday(6, 0).plusSeconds(5));
    back.await("weekly check-in");
    assertThat(back.member().status()).isEqualTo(MemberStatus.ACTIVE);
    assertThat(busy.checkins()).isZero();
    at(monday(6, 30));
    busy.say("cancel");
    busy.await("");
    at(monday(7, 1)); // the nudge looked again an hour later: the change report is over
    busy.await("weekly check-in");

    at(monday(12, 0));
    assertThat(paused.checkins()).isZero();
    assertThat(stopped.all().stream().filter(m -> m.text().contains("weekly check-in"))).isEmpty();
    assertThat(rollup("checkin", "kisumu").get("sent", Number.class).longValue()).isEqualTo(2);
  }

  @Test
  void quietHoursHoldNudgesAndRemindersUntilMorning() {
    Person early = new Person().join("kisumu", "Early");
    early.say("/timezone Pacific/Auckland"); // Monday 09:00 there is Sunday 20:00 UTC
    early.await("Pacific/Auckland");
    mongo
        .getCollection(ScheduleStore.COLLECTION)
        .insertOne(
            new Document("_id", slug)
                .append("quietHours", new Document("from", "08:00").append("to", "10:30"))
                .append(
                    "cadences",
                    List.of(
                        new Document("flow", "checkin")
                            .append("every", "week")
                            .append("day", "monday")
                            .append("time", "09:00"))));
    // The schedule cache is short-lived: let it lapse.
    clock.set(clock.instant().plusSeconds(10));
    planner.plan();
    Instant sunday = monday(0, 0).minus(Duration.ofDays(1));
    at(sunday.plus(Duration.ofHours(20)).plusSeconds(5)); // 09:00 Monday in Auckland: quiet
    assertThat(early.checkins()).isZero();
    at(sunday.plus(Duration.ofHours(21)).plus(Duration.ofMinutes(30)).plusSeconds(5)); // 10:30
    early.await("weekly check-in");

    // Answered on Tuesday at 08:45 there: the next question's reminders (Wednesday and Friday
    // 08:45) fall in the quiet hours and wait for 10:30 — a whole minute, due as the minute starts.
    at(monday(19, 45));
    early.say("5");
    int reminders = early.chat.count("reminder"); // the join texts may mention reminders
    at(monday(21, 30).plus(Duration.ofDays(1)).minusSeconds(30)); // Wednesday 10:29:30
    assertThat(early.chat.count("reminder")).isEqualTo(reminders);
    at(monday(21, 30).plus(Duration.ofDays(1)).plusSeconds(5)); // Wednesday 10:30:05
    early.await("reminder");
    at(monday(21, 30).plus(Duration.ofDays(3)).plusSeconds(5)); // Friday 10:30:05
    early.await("last reminder"); // filed again after the first fired at the start of its minute
  }

  @Test
  void aCadenceChangedAfterItsNudgeDoesNotNudgeTwiceInAWeek() throws Exception {
    Person p = new Person().join("kisumu", "Once");
    planner.plan();
    at(monday(6, 0).plusSeconds(5));
    p.await("weekly check-in");
    mongo
        .getCollection(ScheduleStore.COLLECTION)
        .insertOne(
            new Document("_id", slug)
                .append(
                    "cadences",
                    List.of(
                        new Document("flow", "checkin")
                            .append("every", "week")
                            .append("day", "monday")
                            .append("time", "14:00"))));
    clock.set(clock.instant().plusSeconds(10)); // the schedule cache lapses
    planner.plan(); // a changed cadence is planned from now: Monday 14:00 is still ahead
    at(monday(11, 0).plusSeconds(5)); // 14:00 in Nairobi
    at(monday(23, 0));
    assertThat(p.checkins()).isEqualTo(1);
  }

  @Test
  void aDatedPauseEndsOnItsOwnWhenItsTimeComes() {
    Person p = new Person().join("kisumu", "Resting");
    p.say("/pause 1 day");
    p.await("Paused until");
    at(clock.instant().plus(Duration.ofHours(23)));
    assertThat(p.member().status()).isEqualTo(MemberStatus.PAUSED);
    at(clock.instant().plus(Duration.ofHours(1)).plusSeconds(61));
    assertThat(p.member().status()).isEqualTo(MemberStatus.ACTIVE);
  }

  @Test
  void aNudgeTooLateToBeUsefulIsRecordedAsMissedNotSent() {
    Person p = new Person().join("kisumu", "Late");
    planner.plan();
    at(monday(6, 0).plus(Duration.ofDays(3))); // the app was down from Monday to Thursday
    assertThat(p.checkins()).isZero();
    Document counts = rollup("checkin", "kisumu");
    assertThat(counts.get("due", Number.class).longValue()).isEqualTo(1);
    assertThat(counts.get("missed", Number.class).longValue()).isEqualTo(1);
    assertThat(counts.get("sent")).isNull();
  }

  @Test
  void anUnansweredRunExpiresAsMissedAndAnAnsweredOneCountsAsAnswered() {
    Person quiet = new Person().join("kisumu", "Quiet");
    Person keen = new Person().join("kisumu", "Keen");
    planner.plan();
    at(monday(6, 0).plusSeconds(5));
    keen.await("weekly check-in");
    quiet.await("weekly check-in");
    keen.say("7");
    keen.await("");
    at(monday(6, 0).plus(Duration.ofDays(6))); // past every reminder and the expiry
    Document counts = rollup("checkin", "kisumu");
    assertThat(counts.get("sent", Number.class).longValue()).isEqualTo(2);
    assertThat(counts.get("answered", Number.class).longValue()).isEqualTo(1);
    assertThat(counts.get("missed", Number.class).longValue()).isEqualTo(1);
  }

  @Test
  void aFacilitatorSendsAFlowNowToOneOrganisationAndSeesTheSchedule() {
    Person kisumu = new Person().join("kisumu", "Otieno");
    Person isiolo = new Person().join("isiolo", "Halima");
    Person facilitator = new Person().join("facilitator", "Faith");

    kisumu.say("/nudge checkin");
    kisumu.await("not available");
    facilitator.say("/nudge weather");
    facilitator.await("Send /nudge checkin");
    facilitator.say("/nudge checkin nowhere");
    facilitator.await("nobody to send that to");
    facilitator.say("/nudge health isiolo");
    facilitator.await("on its way to 2 people"); // Halima and the facilitator, both Isiolo
    at(clock.instant().plusSeconds(61));
    isiolo.await("pulse of your partnership");
    assertThat(kisumu.all().stream().filter(m -> m.text().contains("pulse"))).isEmpty();

    facilitator.say("/schedule");
    OutboundMessage lead = facilitator.await("quiet hours 20:00–07:00");
    assertThat(lead.text()).contains("every week on monday at 09:00");
    kisumu.say("/schedule");
    OutboundMessage mine = kisumu.await("Coming up for you");
    assertThat(mine.text()).contains("Check-in").contains("09:00");
  }

  private Document rollup(String flow, String org) {
    String period = Period.of(Period.Kind.WEEK, monday(12, 0), ZoneId.of("Africa/Nairobi")).id();
    Document d =
        mongo
            .getCollection("rollups")
            .find(eq("_id", "nudges|" + slug + "|" + flow + "|" + period + "|" + org))
            .first();
    return d == null ? new Document() : d;
  }

  /** A member of this test's partnership. */
  final class Person {
    final ChatPerson chat =
        new ChatPerson(
            service, () -> phone.sent, clock, "phone", 20_000_000 + ids.incrementAndGet());
    final String contactId = chat.contactId;

    void say(String text) {
      chat.say(text);
    }

    List<OutboundMessage> all() {
      return chat.all();
    }

    int checkins() {
      return chat.count("weekly check-in");
    }

    OutboundMessage await(String text) {
      return chat.await(text);
    }

    Member member() {
      return members.find(contacts.find(contactId).orElseThrow().memberId()).orElseThrow();
    }

    Person join(String who, String name) {
      chat.join(codes.get(who), name);
      return this;
    }
  }
}
