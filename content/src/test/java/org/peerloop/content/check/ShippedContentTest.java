package org.peerloop.content.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peerloop.content.TestContent;
import org.peerloop.content.catalog.ContentSource;
import org.peerloop.content.flow.Durations;
import org.peerloop.content.flow.Wait;

/** The build's gate: the shipped flows and texts pass every checker rule. */
class ShippedContentTest {

  @Test
  void theShippedFlowsAndTextsPassTheChecker() {
    assertThat(FlowChecker.check(TestContent.shipped()))
        .as("run the terminal runner with --dir src/main/resources to see these while editing")
        .isEmpty();
  }

  @Test
  void theFlowIndexListsExactlyTheFlowFilesInTheSourceTree() throws IOException {
    Path flows = Path.of("src/main/resources/flows");
    try (Stream<Path> files = Files.list(flows)) {
      assertThat(ContentSource.classpath().flowFiles())
          .containsExactlyInAnyOrderElementsOf(
              files
                  .map(f -> f.getFileName().toString())
                  .filter(n -> n.endsWith(".yaml"))
                  .map(n -> "flows/" + n)
                  .toList());
    }
  }

  @ParameterizedTest
  @CsvSource({"checkin, 5d", "health, 5d", "reflect, 7d"})
  void theFlowsTheSchedulerStartsRemindTwiceBeforeTheyExpire(String flowId, String expiry) {
    var flow = TestContent.shipped().latest(flowId).orElseThrow();

    flow.steps().stream()
        .filter(s -> s.question().waits())
        .forEach(
            s ->
                assertThat(s.timeouts())
                    .as(flow.label() + " " + s.id())
                    .isEqualTo(
                        new Wait(
                            List.of(Duration.ofHours(24), Duration.ofHours(72)),
                            Durations.parse(expiry, "test"))));
  }

  @Test
  void theWeeklyCheckinIsShortAndEveryFlowSpeaksEnglishKiswahiliAndFrench() {
    var checkin = TestContent.shipped().latest("checkin").orElseThrow();

    TestContent.shipped()
        .all()
        .forEach(f -> assertThat(f.languages()).as(f.label()).contains("en", "sw", "fr"));
    assertThat(checkin.steps().stream().filter(s -> s.question().waits()).count())
        .isBetween(3L, 5L);
  }
}
