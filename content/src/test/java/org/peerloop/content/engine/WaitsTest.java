package org.peerloop.content.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Reminders and expiry: deadlines come from the flow, and early or repeated timers do nothing. */
class WaitsTest {

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
