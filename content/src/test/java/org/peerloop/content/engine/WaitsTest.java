package org.peerloop.content.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Reminders and expiry: deadlines come from the flow, a wait may remind more than once, and early
 * or repeated timers do nothing.
 */
class WaitsTest {

  private static final Duration HOURS_24 = Duration.ofHours(24);
  private static final Duration HOURS_72 = Duration.ofHours(72);
  private static final Duration DAYS_5 = Duration.ofDays(5);

  @Test
  void askingAQuestionStartsAWaitFromTheFlowsTimeouts() {
    Chat chat = Chat.fixture("kinds", "en");

    assertThat(chat.events(Event.WaitStarted.class))
        .containsExactly(
            new Event.WaitStarted("score", Chat.T0.plusSeconds(3600), Chat.T0.plusSeconds(86400)));
    assertThat(chat.state.remindAt()).isEqualTo(Chat.T0.plusSeconds(3600));
  }

  @Test
  void aStepCanOverrideTheFlowsTimeouts() {
    Chat chat = StepKindsTest.toStory().say("A story");

    assertThat(chat.state.stepId()).isEqualTo("grade");
    assertThat(chat.state.expireAt()).isEqualTo(Chat.T0.plus(Duration.ofDays(2)));
  }

  @Test
  void aTimeoutBeforeTheReminderIsDueDoesNothing() {
    Chat chat = Chat.fixture("kinds", "en");
    SessionState before = chat.state;

    chat.after(Duration.ofMinutes(59)).send(Input.timeout());

    assertThat(chat.last).isEmpty();
    assertThat(chat.state).isEqualTo(before);
  }

  @Test
  void aDueTimeoutSendsOneReminderWithTheQuestionAgain() {
    Chat chat = Chat.fixture("kinds", "en").after(Duration.ofHours(1)).send(Input.timeout());

    assertThat(chat.events(Event.ReminderSent.class))
        .containsExactly(new Event.ReminderSent("score", 1));
    assertThat(chat.lastMessage().text())
        .startsWith(
            "A small reminder: we are still waiting for your answer.\n\nScore from 0 to 10?");
    assertThat(chat.lastMessage().buttons()).hasSize(11);
    assertThat(chat.state.remindersSent()).isEqualTo(1);
    assertThat(chat.state.remindAt()).isNull();

    chat.after(Duration.ofHours(1)).send(Input.timeout());
    assertThat(chat.last).isEmpty();
  }

  @Test
  void anEarlyExpireDoesNothingAndADueOneClosesTheFlow() {
    Chat chat = Chat.fixture("kinds", "sw").after(Duration.ofHours(23)).send(Input.expire());
    assertThat(chat.last).isEmpty();

    chat.after(Duration.ofHours(1)).send(Input.expire());

    assertThat(chat.texts())
        .containsExactly("Muda wa mazungumzo haya umekwisha. Tutawasiliana tena wakati ujao.");
    assertThat(chat.events(Event.FlowExpired.class))
        .containsExactly(new Event.FlowExpired("kinds", 1, "score"));
    assertThat(chat.state.status()).isEqualTo(Status.EXPIRED);
  }

  @Test
  void anAnswerAfterTheExpiryIsNotSavedBecauseTheFlowHasClosed() {
    Chat chat = Chat.fixture("kinds", "en").after(Duration.ofDays(2)).say("7");

    assertThat(chat.state.answers()).isEmpty();
    assertThat(chat.state.status()).isEqualTo(Status.EXPIRED);
  }

  @Test
  void eachNewQuestionRestartsTheWaitAndTheReminderCount() {
    Chat chat = Chat.fixture("kinds", "en").after(Duration.ofHours(2)).send(Input.timeout());
    chat.after(Duration.ofHours(1)).say("9");

    assertThat(chat.state.remindAt()).isEqualTo(chat.now.plus(Duration.ofHours(1)));
    assertThat(chat.state.remindersSent()).isZero();
  }

  @Test
  void aWaitWithTwoRemindersSendsTheSecondAsTheLastThenExpires() {
    Chat chat = Chat.fixture("remind", "en"); // remind-after: [24h, 72h], expire-after: 5d
    assertThat(chat.events(Event.WaitStarted.class))
        .containsExactly(
            new Event.WaitStarted("first", Chat.T0.plus(HOURS_24), Chat.T0.plus(DAYS_5)));

    SessionState asked = chat.state;
    chat.after(Duration.ofHours(23)).send(Input.timeout());
    assertThat(chat.last).isEmpty();
    assertThat(chat.state).isEqualTo(asked);

    chat.after(Duration.ofHours(1)).send(Input.timeout());
    assertThat(chat.events(Event.ReminderSent.class))
        .containsExactly(new Event.ReminderSent("first", 1));
    assertThat(chat.lastMessage().text())
        .isEqualTo("A small reminder: we are still waiting for your answer.\n\nAre you there?");
    assertThat(chat.state.remindAt()).isEqualTo(Chat.T0.plus(HOURS_72));
    assertThat(chat.state.expireAt()).isEqualTo(Chat.T0.plus(DAYS_5));
    assertThat(chat.state.remindersSent()).isEqualTo(1);

    SessionState reminded = chat.state;
    chat.after(Duration.ofHours(6)).send(Input.timeout());
    assertThat(chat.last).isEmpty();
    assertThat(chat.state).isEqualTo(reminded);

    chat.after(Duration.ofHours(42)).send(Input.timeout());
    assertThat(chat.now).isEqualTo(Chat.T0.plus(HOURS_72));
    assertThat(chat.events(Event.ReminderSent.class))
        .containsExactly(new Event.ReminderSent("first", 2));
    assertThat(chat.lastMessage().text())
        .isEqualTo(
            "One last reminder: we are still waiting for your answer. Time runs out soon."
                + "\n\nAre you there?");
    assertThat(chat.lastMessage().buttons()).hasSize(2);
    assertThat(chat.state.remindAt()).isNull();
    assertThat(chat.state.remindersSent()).isEqualTo(2);

    chat.after(Duration.ofHours(47)).send(Input.timeout());
    assertThat(chat.last).isEmpty();
    chat.send(Input.expire());
    assertThat(chat.last).isEmpty();

    chat.after(Duration.ofHours(1)).send(Input.expire());
    assertThat(chat.now).isEqualTo(Chat.T0.plus(DAYS_5));
    assertThat(chat.texts())
        .containsExactly("These questions have closed. We will be in touch next time.");
    assertThat(chat.events(Event.FlowExpired.class))
        .containsExactly(new Event.FlowExpired("remind", 1, "first"));
    assertThat(chat.state.status()).isEqualTo(Status.EXPIRED);
  }

  @Test
  void theLastReminderIsSaidInThePersonsLanguage() {
    Chat sw = Chat.fixture("remind", "sw").after(HOURS_24).send(Input.timeout());
    sw.after(Duration.ofHours(48)).send(Input.timeout());
    Chat fr = Chat.fixture("remind", "fr").after(HOURS_24).send(Input.timeout());
    fr.after(Duration.ofHours(48)).send(Input.timeout());

    assertThat(sw.lastMessage().text())
        .isEqualTo(
            "Kukumbusha kwa mara ya mwisho: bado tunasubiri jibu lako. Muda utaisha hivi karibuni."
                + "\n\nUko hapo?");
    assertThat(fr.lastMessage().text())
        .isEqualTo(
            "Dernier rappel : nous attendons encore votre réponse. Le délai se termine bientôt."
                + "\n\nVous êtes là ?");
  }

  @Test
  void anAnswerAfterTheFirstReminderStartsTheNextQuestionsRemindersFromItsOwnTime() {
    Chat chat = Chat.fixture("remind", "en").after(HOURS_24).send(Input.timeout());
    chat.after(Duration.ofHours(1)).say("yes");
    Instant asked = Chat.T0.plus(Duration.ofHours(25));

    assertThat(chat.state.stepId()).isEqualTo("second");
    assertThat(chat.events(Event.WaitStarted.class))
        .containsExactly(new Event.WaitStarted("second", asked.plus(HOURS_24), asked.plus(DAYS_5)));
    assertThat(chat.state.remindersSent()).isZero();

    chat.after(Duration.ofHours(23)).send(Input.timeout()); // t0 + 48h: not yet
    assertThat(chat.last).isEmpty();

    chat.after(Duration.ofHours(1)).send(Input.timeout());
    assertThat(chat.lastMessage().text()).startsWith("A small reminder:");
    assertThat(chat.state.remindAt()).isEqualTo(asked.plus(HOURS_72));
    assertThat(chat.state.remindersSent()).isEqualTo(1);

    chat.after(Duration.ofHours(23)).send(Input.timeout()); // t0 + 72h: the first question's
    assertThat(chat.last).isEmpty();
  }

  @Test
  void aLateTimeoutSendsOneReminderAndPassesOverTheOnesAlreadyDue() {
    Chat chat = Chat.fixture("remind", "en").after(Duration.ofHours(80)).send(Input.timeout());

    assertThat(chat.events(Event.ReminderSent.class))
        .containsExactly(new Event.ReminderSent("first", 1));
    assertThat(chat.lastMessage().text()).startsWith("One last reminder:");
    assertThat(chat.state.remindAt()).isNull();
  }

  @Test
  void aFinishedSessionIgnoresEverything() {
    Chat chat = Chat.fixture("kinds", "en").say("cancel");
    SessionState finished = chat.state;

    for (Input input :
        new Input[] {
          Input.text("7"), Input.tap("kinds.score:7"), Input.timeout(), Input.expire()
        }) {
      chat.after(Duration.ofDays(3)).send(input);
      assertThat(chat.last).isEmpty();
      assertThat(chat.state).isEqualTo(finished);
    }
  }
}
