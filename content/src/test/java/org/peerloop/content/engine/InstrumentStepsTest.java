package org.peerloop.content.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peerloop.content.TestContent;
import org.peerloop.content.flow.Question;

/**
 * The step features the instruments rely on: a computed lowest rating, prompts that speak of an
 * earlier step ({about}, {score}), options the bot supplies per person, and steps passed over when
 * the person has nothing for them.
 */
class InstrumentStepsTest {

  private static final Map<String, String> VALUES =
      Map.of(
          "name", "Asha", "partner", "Mto County", "period", "November", "organisation", "Kijani");

  private static Chat health() {
    return Chat.shipped("health", "en", VALUES, Map.of());
  }

  private static Chat rate(Chat chat, String... scores) {
    for (String s : scores) {
      chat.say(s);
    }
    return chat;
  }

  @Test
  void afterTheRatingsTheLowestIsAskedAboutByNameWithItsScore() {
    Chat chat = rate(health(), "8", "7", "9", "6", "8", "3", "5", "3", "7", "8", "9");

    assertThat(chat.state.answers()).containsEntry("lowest", "communication-ease");
    assertThat(chat.lastMessage().text())
        .startsWith("Your lowest score was for \"Easy to talk\": 3 out of 10. Why that score?");
    assertThat(chat.say("They rarely answer").lastMessage().text())
        .startsWith("What could make \"Easy to talk\" better?");
  }

  @Test
  void skippedRatingsAreLeftOutOfTheLowestAndNoRatingsAtAllSkipsTheQuestions() {
    Chat some = rate(health(), "skip", "skip", "4", "skip", "skip", "skip", "skip", "skip", "5");
    rate(some, "skip", "6");
    assertThat(some.state.answers()).containsEntry("lowest", "ways-of-working");

    Chat none = health();
    for (int i = 0; i < 11; i++) {
      none.say("skip");
    }
    assertThat(none.state.status()).isEqualTo(Status.COMPLETED);
    assertThat(none.state.answers()).doesNotContainKey("lowest");
    assertThat(none.texts()).last().asString().startsWith("Thank you, Asha!");
  }

  @Test
  void aCommentOnAnotherDimensionNamesTheOneChosenAndDoneEndsAtOnce() {
    Chat chat = rate(health(), "8", "7", "9", "6", "8", "3", "5", "3", "7", "8", "9");
    chat.say("They rarely answer").say("A weekly call");

    Event.MessageCreated offer = chat.lastMessage();
    assertThat(offer.buttons())
        .hasSize(12)
        .first()
        .isEqualTo(new Button("No, that is all", "health.another:done"));
    chat.send(Input.tap("health.another:motivation"));
    assertThat(chat.lastMessage().text())
        .startsWith("About \"Motivation\": why do you see it that way?");
    chat.say("Busy season").say("skip");
    assertThat(chat.state.status()).isEqualTo(Status.COMPLETED);
    assertThat(chat.state.answers())
        .containsEntry("another", "motivation")
        .containsEntry("why-2", "Busy season")
        .doesNotContainKey("improve-2");

    Chat done = rate(health(), "8", "7", "9", "6", "8", "3", "5", "3", "7", "8", "9");
    done.say("skip").say("skip").say("1");
    assertThat(done.state.status()).isEqualTo(Status.COMPLETED);
  }

  @Test
  void goingBackFromTheWhyReasksTheLastRatingAndTheLowestIsPickedAgain() {
    Chat chat = rate(health(), "8", "7", "9", "6", "8", "5", "5", "6", "7", "8", "4");
    assertThat(chat.state.answers()).containsEntry("lowest", "motivation");

    chat.say("back");
    assertThat(chat.state.stepId()).isEqualTo("motivation");
    chat.say("9");
    assertThat(chat.state.answers()).containsEntry("lowest", "communication-ease");
  }

  @Test
  void theHealthFlowIsAnonymousAndTheOthersAreNot() {
    assertThat(TestContent.shipped().latest("health").orElseThrow().anonymous()).isTrue();
    assertThat(TestContent.shipped().latest("change").orElseThrow().anonymous()).isFalse();
  }

  private static Chat change(Map<String, List<Context.Option>> lists) {
    Chat chat = Chat.shipped("change", "en", VALUES, lists);
    chat.say("The ward office").say("They use a checklist").say("Since March, in Mto");
    chat.say("Approvals are faster").say("We saw theirs on a visit").say("skip");
    return chat;
  }

  @Test
  void theLadderItemIsChosenFromTheListForTheTierAnswered() {
    Map<String, List<Context.Option>> lists =
        Map.of(
            "ladder-like",
            List.of(
                new Context.Option("approval-checklist", "Kijani uses Mto's checklist"),
                new Context.Option("joint-visits", "Joint ward visits")),
            "ladder-expect",
            List.of(new Context.Option("monthly-exchange", "Monthly exchange")));
    Chat chat = change(lists).say("yes").say("2");

    Event.MessageCreated asked = chat.lastMessage();
    assertThat(asked.buttons())
        .extracting(Button::label)
        .containsExactly("Kijani uses Mto's checklist", "Joint ward visits", "Skip");
    chat.say("joint ward visits");
    assertThat(chat.state.status()).isEqualTo(Status.COMPLETED);
    assertThat(chat.state.answers())
        .containsEntry("tier", "like")
        .containsEntry("item", "joint-visits");
    assertThat(chat.events(Event.AnswerSaved.class))
        .contains(
            new Event.AnswerSaved(
                "item", "joint-visits", AnswerKind.CHOICE, Question.Choice.CHOSEN));
  }

  @Test
  void aTierWithoutItemsPassesTheItemOverAndAnUnexpectedChangeAsksNoTier() {
    Chat love = change(Map.of()).say("yes").say("3");
    assertThat(love.state.status()).isEqualTo(Status.COMPLETED);
    assertThat(love.state.answers()).containsEntry("tier", "love").doesNotContainKey("item");

    Chat unexpected = change(Map.of()).say("no");
    assertThat(unexpected.state.status()).isEqualTo(Status.COMPLETED);
    assertThat(unexpected.state.answers())
        .containsEntry("expected", "no")
        .doesNotContainKey("tier");
  }

  @Test
  void anUnknownLadderItemIsRefusedLikeAnyChoice() {
    Chat chat =
        change(Map.of("ladder-expect", List.of(new Context.Option("monthly-exchange", "Monthly"))))
            .say("yes")
            .say("1")
            .say("something else");
    assertThat(chat.state.stepId()).isEqualTo("item");
    assertThat(chat.texts().get(0)).startsWith("Please pick one of the answers below.");
  }

  @Test
  void theReflectionAsksOnlyAboutTheItemsThePersonsOrganisationTracks() {
    Map<String, String> values = new java.util.HashMap<>(VALUES);
    values.put("item_1", "Teams meet every month");
    values.put("item_2", "Kijani uses the checklist");
    Chat chat = Chat.shipped("reflect", "en", values, Map.of());
    chat.say("A new checklist").say("The governor").say("skip").say("Minutes").say("Go slower");

    assertThat(chat.texts())
        .containsExactly(
            "Last part: the changes Kijani tracks. For each one, how much progress did you see"
                + " this period?",
            "\"Teams meet every month\"\nHow much progress?");
    chat.say("high").say("none yet");
    assertThat(chat.state.status()).isEqualTo(Status.COMPLETED);
    assertThat(chat.state.answers())
        .containsEntry("item-1", "high")
        .containsEntry("item-2", "none")
        .doesNotContainKeys("item-3", "obstacles");

    Chat without = Chat.shipped("reflect", "en", VALUES, Map.of());
    without.say("a").say("b").say("c").say("d").say("e");
    assertThat(without.state.status()).isEqualTo(Status.COMPLETED);
    assertThat(without.texts())
        .containsExactly("Thank you, Asha! Your reflection is saved for November.");
  }
}
