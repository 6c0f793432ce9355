package org.peerloop.content.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** skip, back and cancel in every language, and the bound on re-prompts. */
class FlowControlTest {

  @ParameterizedTest
  @ValueSource(strings = {"skip", "Skip.", "pass", "ruka", "passer", "SUIVANT"})
  void anOptionalStepIsSkippedWithTheSkipWordOfAnyLanguage(String word) {
    Chat chat = StepKindsTest.toStory().say(word);

    assertThat(chat.events(Event.StepSkipped.class))
        .containsExactly(new Event.StepSkipped("story"));
    assertThat(chat.state.answers()).doesNotContainKey("story");
    assertThat(chat.state.status()).isEqualTo(Status.COMPLETED); // branch skipped -> bye
  }

  @Test
  void anOptionalStepOffersASkipButtonAndAHint() {
    Event.MessageCreated asked = StepKindsTest.toStory().lastMessage();

    assertThat(asked.text()).endsWith("(Type skip to leave this one out.)");
    assertThat(asked.buttons()).containsExactly(new Button("Skip", "kinds.story:!skip"));
  }

  @Test
  void theSkipButtonSkips() {
    Chat chat = StepKindsTest.toStory().send(Input.tap("kinds.story:!skip"));

    assertThat(chat.events(Event.StepSkipped.class)).hasSize(1);
  }

  @Test
  void aRequiredStepCannotBeSkippedAndSaysSo() {
    Chat chat = Chat.fixture("kinds", "sw").say("ruka");

    assertThat(chat.lastMessage().text()).isEqualTo("Swali hili linahitaji jibu.");
    assertThat(chat.state.stepId()).isEqualTo("score");
    assertThat(chat.state.attempts()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"back", "go back", "rudi", "nyuma", "retour", "précédent"})
  void backAsksThePreviousQuestionAgainAndDropsItsAnswer(String word) {
    Chat chat = StepKindsTest.toAgree().say(word);

    assertThat(chat.state.stepId()).isEqualTo("pick");
    assertThat(chat.state.answers()).containsOnlyKeys("score");
    assertThat(chat.state.path()).containsExactly("score");
    assertThat(chat.lastMessage().text()).startsWith("Pick a colour.");
  }

  @Test
  void backFollowsTheRouteActuallyTakenThroughBranches() {
    Chat chat = Chat.fixture("kinds", "en").say("2").say("no money").say("back").say("back");

    assertThat(chat.state.stepId()).isEqualTo("score");
    assertThat(chat.state.path()).isEmpty();
    assertThat(chat.state.answers()).isEmpty();
  }

  @Test
  void backOnTheFirstQuestionSaysThereIsNothingBefore() {
    Chat chat = Chat.fixture("kinds", "en").say("back");

    assertThat(chat.lastMessage().text()).startsWith("This is the first question.\n\nScore from 0");
    assertThat(chat.state.stepId()).isEqualTo("score");
  }

  @ParameterizedTest
  @ValueSource(strings = {"cancel", "quit flow", "Quit Flow!", "exit", "ghairi", "toka", "annuler"})
  void aCancelWordLeavesTheFlow(String word) {
    Chat chat = StepKindsTest.toAgree().say(word);

    assertThat(chat.events(Event.FlowCancelled.class))
        .containsExactly(new Event.FlowCancelled("kinds", 1, "agree", CancelReason.PERSON));
    assertThat(chat.state.status()).isEqualTo(Status.CANCELLED);
    assertThat(chat.state.remindAt()).isNull();
    assertThat(chat.state.expireAt()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"stop", "STOP", "unsubscribe"})
  void channelOptOutWordsAreNotFlowControlWords(String word) {
    Chat chat = StepKindsTest.toAgree().say(word);

    assertThat(chat.state.status()).isEqualTo(Status.WAITING);
    assertThat(chat.lastMessage().text()).isEqualTo("Please answer Yes or No.");
  }

  @Test
  void aRequiredStepLeavesTheFlowKindlyAfterItsLastReprompt() {
    Chat chat = Chat.fixture("kinds", "en").say("abc").say("11");
    assertThat(chat.state.status()).isEqualTo(Status.WAITING);

    chat.say("x");

    assertThat(chat.texts())
        .containsExactly("Let us stop here for now. We will try again another time.");
    assertThat(chat.events(Event.FlowCancelled.class))
        .containsExactly(
            new Event.FlowCancelled("kinds", 1, "score", CancelReason.TOO_MANY_ATTEMPTS));
  }

  @Test
  void anOptionalStepIsPassedOverAfterItsLastReprompt() {
    Chat chat = StepKindsTest.toStory().say("x".repeat(41));
    assertThat(chat.state.stepId()).isEqualTo("story");

    chat.say("y".repeat(41));

    assertThat(chat.texts()).containsExactly("Let us move on.", "Bye Asha.");
    assertThat(chat.events(Event.StepSkipped.class)).hasSize(1);
  }

  @Test
  void attemptsStartAgainOnEachNewQuestion() {
    Chat chat = Chat.fixture("kinds", "en").say("abc").say("9");

    assertThat(chat.state.attempts()).isZero();
  }
}
