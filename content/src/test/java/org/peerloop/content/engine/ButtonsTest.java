package org.peerloop.content.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Button payloads name their flow and step, so a tap on an old question is not misapplied. */
class ButtonsTest {

  @Test
  void everyButtonOfTheCheckinFitsTelegramsCallbackLimit() {
    Chat chat = Chat.checkin("sw").say("2");

    assertThat(chat.lastMessage().buttons())
        .allSatisfy(
            b ->
                assertThat(b.payload().getBytes(StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(Payload.MAX_BYTES));
  }

  @Test
  void aTapOnAnOldQuestionsButtonSaysTheQuestionMovedOnAndAsksTheCurrentOne() {
    Chat chat = StepKindsTest.toPick().send(Input.tap("kinds.score:3"));

    assertThat(chat.lastMessage().text())
        .isEqualTo("That question has moved on. Here is where we are now:\n\nPick a colour.");
    assertThat(chat.state.answers()).containsEntry("score", "9");
    assertThat(chat.state.attempts()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "garbage", "other.pick:red", "kinds.pick", ":red", "kinds.pick:"})
  void aTapWithAPayloadThatIsNotForThisQuestionIsTreatedAsStale(String payload) {
    Chat chat = StepKindsTest.toPick().send(Input.tap(payload));

    assertThat(chat.lastMessage().text()).startsWith("That question has moved on.");
    assertThat(chat.state.stepId()).isEqualTo("pick");
  }

  @Test
  void aTapWithAnUnknownValueForThisQuestionIsRepromptedLikeTypedText() {
    Chat chat = StepKindsTest.toPick().send(Input.tap("kinds.pick:purple"));

    assertThat(chat.lastMessage().text()).isEqualTo("Please pick one of the answers below.");
  }

  @Test
  void payloadsRoundTrip() {
    Payload payload = new Payload("checkin", "progress", "7");

    assertThat(payload.encode()).isEqualTo("checkin.progress:7");
    assertThat(Payload.decode("checkin.progress:7")).contains(payload);
  }
}
