package org.peerloop.bot.conversation;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerloop.bot.contact.Consent;
import org.peerloop.bot.contact.Contact;
import org.peerloop.bot.contact.ContactStore;
import org.peerloop.bot.outbox.OutboundMessage;
import org.peerloop.bot.people.Invite;
import org.peerloop.bot.people.InviteStore;
import org.peerloop.bot.people.Member;
import org.peerloop.bot.people.MemberStatus;
import org.peerloop.bot.people.MemberStore;
import org.peerloop.bot.people.Organisation;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.PartnershipStore;
import org.peerloop.bot.people.Role;
import org.peerloop.bot.testing.MutableClock;
import org.peerloop.bot.testing.Phone;
import org.peerloop.content.engine.Button;
import org.peerloop.content.engine.Input;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * People joining with invite codes and using the commands that come with membership, on a channel
 * where strangers are not enrolled by writing (as on Telegram and WhatsApp). Everything goes
 * through the conversation service, the real store and the outbox.
 */
@SpringBootTest(properties = {"peerloop.store.memory=true", "peerloop.scheduler.jobs=false"})
class PeopleChatTest {

  static final Instant START = Instant.parse("2026-11-23T08:00:00Z");

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
  @Autowired org.peerloop.bot.outbox.Attachments attachments;

  private static final AtomicLong ids = new AtomicLong();
  private String slug;
  private String peerCode;
  private String facilitatorCode;

  @BeforeEach
  void aPartnership() {
    slug = "p" + ids.incrementAndGet() + "-" + (System.nanoTime() % 100000);
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
            START));
    Instant now = clock.instant(); // tests move the clock on
    peerCode =
        invites
            .create(slug, "kisumu", Role.PEER, 3, now.plus(Duration.ofDays(7)), null, now)
            .code();
    facilitatorCode = invites.create(slug, "isiolo", Role.FACILITATOR, 1, null, null, now).code();
  }

  /** One person on the phone channel. */
  final class Peer {
    final String address = "+2547" + (10_000_000 + ids.incrementAndGet());
    final String contactId = Contact.idOf("phone", address);
    int seen;

    Receipt say(String text) {
      return service.receive(
          new InboundMessage(
              "phone",
              address,
              "m" + ids.incrementAndGet(),
              new Input.Text(text),
              clock.instant()));
    }

    Receipt tap(String payload) {
      return service.receive(
          new InboundMessage(
              "phone",
              address,
              "m" + ids.incrementAndGet(),
              new Input.Tap(payload),
              clock.instant()));
    }

    List<OutboundMessage> all() {
      return phone.sent.stream().filter(m -> m.to().address().equals(address)).toList();
    }

    /** Waits for a new message containing {@code text}; answers it. */
    OutboundMessage await(String text) {
      List<OutboundMessage> found = new ArrayList<>();
      try {
        org.awaitility.Awaitility.await()
            .atMost(Duration.ofSeconds(5))
            .until(
                () -> {
                  List<OutboundMessage> all = all();
                  for (int i = seen; i < all.size(); i++) {
                    if (all.get(i).text().contains(text)) {
                      found.add(all.get(i));
                      seen = i + 1;
                      return true;
                    }
                  }
                  return false;
                });
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError(
            "no message containing \""
                + text
                + "\" after #"
                + seen
                + " in "
                + all().stream().map(OutboundMessage::text).toList());
      }
      return found.get(0);
    }

    Member member() {
      return members.find(contacts.find(contactId).orElseThrow().memberId()).orElseThrow();
    }

    /** Joins with {@code code} in English, agreeing to everything; answers the member. */
    Member join(String code, String name) {
      say("join " + code);
      await("Which language");
      tap("welcome.language:en");
      await("what name should your partners see");
      say(name);
      await("Is that right?");
      tap("join.organisation:yes");
      await("time zone");
      tap("join.timezone:yes");
      await("what I keep");
      tap("join.agree:yes");
      await("Welcome aboard, " + name);
      return member();
    }
  }

  @Test
  void aStrangerWithAWrongCodeIsToldSoAndNothingIsKept() {
    Peer p = new Peer();
    assertThat(p.say("join NOPE2345")).isEqualTo(Receipt.HINTED);
    p.await("did not work");
    assertThat(contacts.find(p.contactId)).isEmpty();
  }

  @Test
  void aStrangerWithoutACodeIsToldHowToJoinOnceADay() {
    Peer p = new Peer();
    assertThat(p.say("hello")).isEqualTo(Receipt.HINTED);
    p.await("join ABCD2345");
    assertThat(p.say("hello?")).isEqualTo(Receipt.IGNORED);
    assertThat(contacts.find(p.contactId)).isEmpty();
  }

  @Test
  void joiningWithACodeKeepsTheMemberTheirConsentVersionAndTime() {
    Peer p = new Peer();
    Instant joinedAt = clock.instant();
    Member m = p.join(peerCode, "Achieng");

    assertThat(m.name()).isEqualTo("Achieng");
    assertThat(m.status()).isEqualTo(MemberStatus.ACTIVE);
    assertThat(m.in(slug).orElseThrow().organisation()).isEqualTo("kisumu");
    assertThat(m.in(slug).orElseThrow().role()).isEqualTo(Role.PEER);
    assertThat(m.consentVersion()).isEqualTo("join@r1");
    assertThat(m.consentAt()).isEqualTo(joinedAt);
    assertThat(m.timezone()).isEqualTo("Africa/Nairobi"); // proposed from +254
    Contact c = contacts.find(p.contactId).orElseThrow();
    assertThat(c.consent()).isEqualTo(Consent.GIVEN);
    assertThat(c.consentVersion()).isEqualTo("join@r1");
    assertThat(invites.find(peerCode).orElseThrow().uses()).isEqualTo(1);
  }

  @Test
  void theJoinQuestionsSpeakTheChosenLanguageAndNameThePlace() {
    Peer p = new Peer();
    p.say("/start " + peerCode);
    p.await("Which language");
    p.tap("welcome.language:sw");
    p.await("Unajiunga na ushirikiano wa Kisumu and Isiolo");
    p.say("Baraka");
    OutboundMessage org = p.await("Kisumu County");
    assertThat(org.text()).contains("mshiriki");
  }

  @Test
  void theCodeSentAgainDuringTheJoinStartsItOverInsteadOfBeingAnAnswer() {
    Peer p = new Peer();
    p.say("join " + peerCode);
    p.tap("welcome.language:en");
    p.await("what name should your partners see");
    p.say("join " + peerCode); // lost track, tapped the link again
    p.await("Which language");
    p.tap("welcome.language:en");
    p.say("Achieng");
    p.tap("join.organisation:yes");
    p.tap("join.timezone:yes");
    p.tap("join.agree:yes");
    p.await("Welcome aboard, Achieng");
    assertThat(invites.find(peerCode).orElseThrow().uses()).isEqualTo(1);
  }

  @Test
  void decliningKeepsOnlyTheDeclineAndUsesNoCode() {
    Peer p = new Peer();
    p.say("join " + peerCode);
    p.tap("welcome.language:en");
    p.say("Secret Name 4711");
    p.tap("join.organisation:yes");
    p.tap("join.timezone:yes");
    p.tap("join.agree:no");
    p.await("kept nothing");

    Contact c = contacts.find(p.contactId).orElseThrow();
    assertThat(c.consent()).isEqualTo(Consent.DECLINED);
    assertThat(c.memberId()).isNull();
    assertThat(invites.find(peerCode).orElseThrow().uses()).isZero();
    assertThat(storeText()).doesNotContain("4711");
  }

  @Test
  void aWrongOrganisationEndsTheJoinWithNothingKept() {
    Peer p = new Peer();
    p.say("join " + peerCode);
    p.tap("welcome.language:en");
    p.say("Someone Else 4711");
    p.tap("join.organisation:no");
    p.await("meant for someone else");

    Contact c = contacts.find(p.contactId).orElseThrow();
    assertThat(c.memberId()).isNull();
    assertThat(c.invite()).isNull();
    assertThat(storeText()).doesNotContain("4711");
  }

  @Test
  void aCodeUsedUpOrExpiredJoinsNobody() {
    new Peer().join(facilitatorCode, "First"); // max one use
    Peer late = new Peer();
    late.say("join " + facilitatorCode);
    late.await("did not work");
    assertThat(contacts.find(late.contactId)).isEmpty();

    clock.advance(Duration.ofDays(8)); // the peer code expired after 7 days
    Peer later = new Peer();
    later.say("join " + peerCode);
    later.await("did not work");
  }

  @Test
  void anUnknownPlaceForTheTimeZoneKeepsTheProposalAndSaysSo() {
    Peer p = new Peer();
    p.say("join " + peerCode);
    p.tap("welcome.language:en");
    p.say("Wanjiru");
    p.tap("join.organisation:yes");
    p.tap("join.timezone:no");
    p.say("Atlantis");
    p.tap("join.agree:yes");
    p.await("I could not find that place");
    assertThat(p.member().timezone()).isEqualTo("Africa/Nairobi");
  }

  @Test
  void aCityForTheTimeZoneIsUnderstood() {
    Peer p = new Peer();
    p.say("join " + peerCode);
    p.tap("welcome.language:en");
    p.say("Jean");
    p.tap("join.organisation:yes");
    p.tap("join.timezone:no");
    p.say("kinshasa");
    p.tap("join.agree:yes");
    p.await("Welcome aboard");
    assertThat(p.member().timezone()).isEqualTo("Africa/Kinshasa");
  }

  @Test
  void facilitatorCommandsAreNotAvailableToPeersAndRevealNothing() {
    Peer peer = new Peer();
    peer.join(peerCode, "Achieng");
    Peer facilitator = new Peer();
    facilitator.join(facilitatorCode, "Hassan");

    peer.say("/members");
    OutboundMessage refused = peer.await("not available to you");
    assertThat(refused.text()).doesNotContain("Hassan");
    peer.say("/invite kisumu");
    peer.await("not available to you");
    peer.say("/help");
    assertThat(peer.await("/checkin").text()).doesNotContain("/members");

    facilitator.say("/members");
    OutboundMessage roster = facilitator.await("2 people");
    assertThat(roster.text()).contains("Achieng", "Kisumu County", "peer", "Hassan", "facilitator");
    facilitator.say("/help");
    assertThat(facilitator.await("/checkin").text()).contains("/members");
  }

  @Test
  void aFacilitatorMakesAPeerCodeThatWorks() {
    Peer facilitator = new Peer();
    facilitator.join(facilitatorCode, "Hassan");
    facilitator.say("/invite kisumu");
    String text = facilitator.await("New invite code").text();
    String code = text.replaceAll("(?s).*: ([A-Z0-9]{8})\\n.*", "$1");
    Invite invite = invites.find(code).orElseThrow();
    assertThat(invite.role()).isEqualTo(Role.PEER);
    assertThat(invite.organisation()).isEqualTo("kisumu");
    assertThat(new Peer().join(code, "Otieno").in(slug)).isPresent();
  }

  @Test
  void pauseResumeStopAndStartMoveTheLifecycle() {
    Peer p = new Peer();
    p.join(peerCode, "Achieng");
    p.say("/pause");
    p.await("Paused");
    assertThat(p.member().status()).isEqualTo(MemberStatus.PAUSED);
    p.say("/pause");
    p.await("Paused"); // paused twice: the second says so again
    p.say("/pause 2001-01-01");
    p.await("has already passed"); // a pause date in the past: a clear reply
    assertThat(p.member().status()).isEqualTo(MemberStatus.PAUSED);
    p.say("/resume");
    p.await("Welcome back");
    assertThat(p.member().status()).isEqualTo(MemberStatus.ACTIVE);

    p.say("/stop");
    p.await("I will not send you any more messages"); // the confirmation still goes out
    assertThat(contacts.find(p.contactId).orElseThrow().stopped()).isTrue();
    assertThat(p.member().status()).isEqualTo(MemberStatus.STOPPED);
    p.say("/checkin");
    p.await("Send /start to turn them back on");
    p.say("/start");
    p.await("Messages are on again");
    assertThat(contacts.find(p.contactId).orElseThrow().stopped()).isFalse();
    assertThat(p.member().status()).isEqualTo(MemberStatus.ACTIVE);
  }

  @Test
  void languageAndTimeZoneCanBeChanged() {
    Peer p = new Peer();
    p.join(peerCode, "Achieng");
    p.say("/language");
    OutboundMessage pick = p.await("Which language");
    assertThat(pick.buttons()).extracting(Button::payload).contains("/language fr");
    p.tap("/language fr");
    p.await("je vous écrirai désormais en français");
    assertThat(p.member().language()).isEqualTo("fr");
    assertThat(contacts.find(p.contactId).orElseThrow().language()).isEqualTo("fr");

    p.say("/timezone Europe/Paris");
    p.await("Europe/Paris");
    assertThat(p.member().timezone()).isEqualTo("Europe/Paris");
    p.say("/timezone Nowhere Land");
    p.await("Je ne connais pas ce lieu");
    assertThat(p.member().timezone()).isEqualTo("Europe/Paris");
  }

  @Test
  void aPersonInTwoPartnershipsIsAskedWhichACheckinIsAboutAndCanSetADefault() {
    Peer p = new Peer();
    p.join(peerCode, "Achieng");
    String first = slug;
    aPartnership(); // a second partnership, with its own codes
    p.say("join " + peerCode);
    p.await("You have joined Kisumu and Isiolo for Kisumu County");
    assertThat(p.member().memberships()).hasSize(2);

    p.say("/checkin");
    OutboundMessage pick = p.await("Which partnership");
    assertThat(pick.buttons())
        .extracting(Button::payload)
        .containsExactly("/checkin " + first, "/checkin " + slug);
    p.tap("/checkin " + slug);
    p.await("weekly check-in");
    Document conversation =
        mongo.getCollection("conversations").find(eq("_id", p.contactId)).first();
    assertThat(conversation.getString("partnership")).isEqualTo(slug);

    p.say("/partnership " + first);
    p.await("from now on");
    assertThat(p.member().defaultPartnership()).isEqualTo(first);
  }

  @Test
  void forgetAsksFirstThenErasesEverythingAboutThePerson() {
    Peer p = new Peer();
    p.join(peerCode, "Zawadi Unique");
    p.say("/checkin");
    p.await("weekly check-in");
    p.say("cancel");
    String memberId = p.member().id();

    p.say("/forget");
    OutboundMessage ask = p.await("Delete everything?");
    assertThat(ask.buttons()).extracting(Button::payload).contains("/forget yes", "/forget no");
    p.tap("/forget no");
    p.await("nothing was deleted");
    assertThat(contacts.find(p.contactId)).isPresent();

    p.tap("/forget yes");
    p.await("everything about you is deleted");

    String store = storeText();
    assertThat(store).doesNotContain(p.address).doesNotContain(memberId).doesNotContain("Zawadi");
    assertThat(contacts.find(p.contactId)).isEmpty();
    assertThat(members.find(memberId)).isEmpty();
  }

  @Test
  void mydataSendsAJsonFileOfEverythingKeptAboutThePerson() throws Exception {
    Peer p = new Peer();
    String memberId = p.join(peerCode, "Achieng Mydata").id();
    p.say("/checkin");
    p.await("weekly check-in");
    p.tap("checkin.progress:7");

    p.say("/mydata");
    OutboundMessage m = p.await("everything I keep about you");
    assertThat(m.attachment()).isNotNull();
    assertThat(m.attachment().mediaType()).isEqualTo("application/json");
    String json = java.nio.file.Files.readString(attachments.open(m.attachment()).orElseThrow());
    Document export = Document.parse(json);
    assertThat(export.getString("note")).contains("not in this file");
    assertThat(json).contains(memberId, "Achieng Mydata", p.contactId, "join@r1", "\"7\"");
  }

  /** Every document of every collection, as text: what erasure must leave no trace in. */
  private String storeText() {
    StringBuilder b = new StringBuilder();
    for (String name : mongo.getCollectionNames()) {
      mongo
          .getCollection(name)
          .find()
          .comment("scan-ok: the test reads everything")
          .forEach(d -> b.append(d.toJson()).append('\n'));
    }
    return b.toString();
  }
}
