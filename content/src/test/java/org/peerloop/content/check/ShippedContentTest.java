package org.peerloop.content.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.peerloop.content.TestContent;
import org.peerloop.content.catalog.ContentSource;

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
