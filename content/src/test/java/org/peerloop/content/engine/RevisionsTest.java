package org.peerloop.content.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peerloop.content.TestContent;
import org.peerloop.content.flow.Flow;
import org.peerloop.content.flow.FlowLibrary;

/** A session started on a revision finishes on it, even when a newer revision exists. */
class RevisionsTest {

  private final FlowLibrary library = TestContent.fixtures();
  private final Context context = new Context("en", Map.of("name", "Asha"), library.catalog());

  @Test
  void newSessionsStartOnTheNewestRevision() {
    assertThat(library.latest("pinned")).map(Flow::revision).contains(2);
  }

  @Test
  void aSessionStartedOnAnOldRevisionFinishesOnIt() {
    Flow r1 = library.flow("pinned", 1).orElseThrow();
    SessionState state = Engine.start(r1, context, Chat.T0).state();
    state = Engine.resume(r1, state, Input.text("yes"), context, Chat.T0).state();

    Flow pinned = library.flow(state.flowId(), state.revision()).orElseThrow();
    Result result = Engine.resume(pinned, state, Input.text("no"), context, Chat.T0);

    assertThat(state.stepId()).isEqualTo("b");
    assertThat(result.state().answers()).containsOnlyKeys("a", "b");
    assertThat(result.events()).contains(new Event.FlowCompleted("pinned", 1));
  }

  @Test
  void resumingWithAnotherRevisionIsRefused() {
    SessionState onR1 =
        Engine.start(library.flow("pinned", 1).orElseThrow(), context, Chat.T0).state();

    assertThatThrownBy(
            () ->
                Engine.resume(
                    library.latest("pinned").orElseThrow(),
                    onR1,
                    Input.text("yes"),
                    context,
                    Chat.T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pinned r1");
  }

  @Test
  void aLanguageTheFlowDoesNotSpeakFallsBackToEnglish() {
    Flow flow = library.flow("pinned", 1).orElseThrow();
    Context swahili = new Context("sw", Map.of("name", "Asha"), library.catalog());

    Result result = Engine.start(flow, swahili, Chat.T0);

    assertThat(result.state().language()).isEqualTo("en");
    assertThat(((Event.MessageCreated) result.events().get(0)).text())
        .isEqualTo("Question A, Asha?");
  }
}
