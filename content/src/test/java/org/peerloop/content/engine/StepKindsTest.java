package org.peerloop.content.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peerloop.content.engine.Event.AnswerSaved;

/** Each kind of step in the "kinds" fixture: how it asks, what it accepts, what it saves. */
class StepKindsTest {

  @Test
  void aMessageStepIsSaidWithPlaceholdersAndTheFlowMovesOnWithoutWaiting() {
    Chat chat = Chat.fixture("kinds", "en");

    assertThat(chat.texts().get(0))
        .isEqualTo("Hello Asha, this is about Mombasa County in week 3.");
    assertThat(chat.state.stepId()).isEqualTo("score");
    assertThat(chat.events(Event.WaitStarted.class))
        .extracting(Event.WaitStarted::stepId)
        .containsExactly("score");
  }

  @Test
  void aRatingShowsTheMeaningOfBothEndsAndOneButtonPerValue() {
    Event.MessageCreated asked = Chat.fixture("kinds", "sw").lastMessage();

    assertThat(asked.text()).isEqualTo("Alama kutoka 0 hadi 10?\n0 = chini, 10 = juu");
    assertThat(asked.buttons()).hasSize(11).first().isEqualTo(new Button("0", "kinds.score:0"));
  }

  @Test
  void aRatingIsSavedAsAnIntegerWithItsBand() {
    Chat chat = Chat.fixture("kinds", "en").say("eight");

    assertThat(chat.events(AnswerSaved.class))
        .containsExactly(new AnswerSaved("score", "8", AnswerKind.RATING, "high"));
  }

  @Test
  void aChoiceAcceptsItsKeyItsLabelInAnyLanguageOrItsPosition() {
    assertThat(toPick().say("green").state.answers()).containsEntry("pick", "green");
    assertThat(toPick().say("Kijani").state.answers()).containsEntry("pick", "green");
    assertThat(toPick().say("vert").state.answers()).containsEntry("pick", "green");
    assertThat(toPick().say("2").state.answers()).containsEntry("pick", "green");
    assertThat(toPick().send(Input.tap("kinds.pick:green")).state.answers())
        .containsEntry("pick", "green");
  }

  @Test
  void aChoiceNotAmongTheOptionsIsRepromptedWithTheOptionsAsButtons() {
    Chat chat = toPick().say("purple");

    assertThat(chat.lastMessage().text()).isEqualTo("Please pick one of the answers below.");
    assertThat(chat.lastMessage().buttons())
        .extracting(Button::label)
        .containsExactly("Red", "Green", "Blue");
  }

  @Test
  void yesOrNoIsSavedAsYesOrNoWhateverTheLanguage() {
    assertThat(toAgree().say("Ndiyo").state.answers()).containsEntry("agree", "yes");
    assertThat(toAgree().say("oui").state.answers()).containsEntry("agree", "yes");
    assertThat(toAgree().say("nope").state.answers()).containsEntry("agree", "no");
    assertThat(toAgree().send(Input.tap("kinds.agree:no")).state.answers())
        .containsEntry("agree", "no");
  }

  @Test
  void aYesNoRepromptNamesTheWordsInThePersonsLanguage() {
    Chat chat = Chat.fixture("kinds", "sw").say("8").say("1").say("labda");

    assertThat(chat.lastMessage().text()).isEqualTo("Tafadhali jibu Ndiyo au Hapana.");
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'   '        | Please write a few words.",
        "''           | Please write a few words.",
        "ok           | Please write at least 3 characters.",
        "xxxxxxxxxxxxxxxxxxxxx | That is a bit long. Please keep it under 20 characters.",
      })
  void freeTextOutsideItsBoundsIsRepromptedWithTheLimitAndNeverCut(String typed, String reason) {
    Chat chat = Chat.fixture("kinds", "en").say("2").say(typed);

    assertThat(chat.lastMessage().text()).isEqualTo(reason + "\nBetween 3 and 20 letters.");
    assertThat(chat.state.answers()).doesNotContainKey("why");
    assertThat(chat.state.stepId()).isEqualTo("why");
  }

  @Test
  void freeTextWithinTheBoundsIsSavedTrimmed() {
    Chat chat = Chat.fixture("kinds", "en").say("2").say("  no budget  ");

    assertThat(chat.events(AnswerSaved.class))
        .containsExactly(new AnswerSaved("why", "no budget", AnswerKind.TEXT, "text"));
  }

  @Test
  void textOrMediaSavesAVoiceNoteAsItsReference() {
    Chat chat = toStory().send(Input.media("m-42", "voice"));

    assertThat(chat.events(AnswerSaved.class))
        .containsExactly(new AnswerSaved("story", "m-42", AnswerKind.MEDIA, "media"));
  }

  @Test
  void textOrMediaAlsoTakesTypedText() {
    assertThat(toStory().say("We met twice.").state.answers())
        .containsEntry("story", "We met twice.");
  }

  @Test
  void mediaOnAQuestionThatNeedsTypingIsRepromptedNotSaved() {
    Chat chat = Chat.fixture("kinds", "fr").send(Input.media("m-1", "photo"));

    assertThat(chat.lastMessage().text())
        .isEqualTo("Pour cette question, je ne lis que les réponses écrites.");
    assertThat(chat.state.answers()).isEmpty();
  }

  @Test
  void aRatingThatAllowsDecimalsSavesTheFraction() {
    Chat chat = toStory().say("A story").say("3,5");

    assertThat(chat.state.answers()).containsEntry("grade", "3.5");
    assertThat(chat.texts()).containsExactly("Bye Asha.");
    assertThat(chat.events(Event.FlowCompleted.class))
        .containsExactly(new Event.FlowCompleted("kinds", 1));
    assertThat(chat.state.status()).isEqualTo(Status.COMPLETED);
    assertThat(chat.state.remindAt()).isNull();
  }

  @Test
  void aBranchOnTheAnswersCategoryChoosesTheNextStep() {
    assertThat(Chat.fixture("kinds", "en").say("3").state.stepId()).isEqualTo("why");
    assertThat(Chat.fixture("kinds", "en").say("9").state.stepId()).isEqualTo("pick");
    assertThat(toPick().say("blue").state.stepId()).isEqualTo("story");
    assertThat(toPick().say("red").state.stepId()).isEqualTo("agree");
  }

  static Chat toPick() {
    return Chat.fixture("kinds", "en").say("9");
  }

  static Chat toAgree() {
    return toPick().say("red");
  }

  static Chat toStory() {
    return toAgree().say("yes");
  }
}
