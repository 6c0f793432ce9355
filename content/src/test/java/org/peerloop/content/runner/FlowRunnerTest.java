package org.peerloop.content.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerloop.content.TestContent;

/** The terminal runner, fed on stdin the way an author pipes a script into it. */
class FlowRunnerTest {

  @Test
  void pipedAnswersStepThroughTheCheckinInKiswahili() throws Exception {
    Run run = run("saba\n/tap 1\nruka\n", "checkin", "sw", "name=Baraka");

    assertThat(run.code).isZero();
    assertThat(run.lines)
        .contains(
            "< Habari Baraka! Tuzungumze kidogo kuhusu kazi yako na Kisumu County wiki hii (week 2)."
                + " Ni dakika mbili tu.",
            "> saba",
            "= progress: 7 (rating, moving)",
            "> /tap 1",
            "= contact: yes (yes-no, yes)",
            "= change: skipped",
            "~ completed checkin r1",
            "# completed {progress=7, contact=yes}");
  }

  @Test
  void pipedOutputReadsExactlyLikeTheGoldenTranscript() throws Exception {
    Path golden = TestContent.resource("golden/checkin/en/good-week.txt");
    List<String> transcript = Files.readAllLines(golden, StandardCharsets.UTF_8);
    String script =
        transcript.stream()
            .filter(l -> l.startsWith(">"))
            .map(l -> l.length() > 1 ? l.substring(2) : "")
            .reduce("", (a, b) -> a + b + "\n");

    Run run = run(script, "checkin", "en", "name=Amina", "partner=Kisumu County", "period=week 12");

    List<String> body =
        transcript.stream().filter(l -> !l.startsWith("#") && !l.startsWith("@")).toList();
    assertThat(run.lines.stream().filter(l -> !l.startsWith("#")).toList()).isEqualTo(body);
  }

  @Test
  void timeoutsAndWaitsMoveTheRunnersOwnClock() throws Exception {
    Run run = run("/timeout\n/timeout\n/wait 2d\n7\n", "checkin");

    assertThat(run.lines)
        .containsSubsequence(
            "~ clock 2025-01-07T09:00:00Z",
            "~ reminder 1 for progress",
            "~ clock 2025-01-09T09:00:00Z",
            "~ reminder 2 for progress",
            "< One last reminder: we are still waiting for your answer. Time runs out soon.",
            "~ clock 2025-01-11T09:00:00Z",
            "~ expired checkin r1 at progress",
            "# expired {}");
  }

  @Test
  void anUnknownFlowNamesTheFlowsThereAre() throws Exception {
    Run run = run("", "nosuch");

    assertThat(run.code).isEqualTo(1);
    assertThat(run.lines)
        .contains(
            "! no flow nosuch; there are [broadcast, change, checkin, consent, evidence, health, join, reflect,"
                + " substantiate, welcome]");
  }

  @Test
  void aLanguageTheFlowLacksFallsBackToEnglishAndSaysSo() throws Exception {
    Path fixtures = TestContent.resource("fixtures");

    Run run = run("cancel\n", "pinned", "fr", "--dir", fixtures.toString());

    assertThat(run.lines).contains("! pinned r2 has no fr texts; using en", "# cancelled {}");
  }

  @Test
  void aDraftDirectoryIsCheckedAndItsProblemsShownBeforeRunning() throws Exception {
    Path broken = TestContent.resource("checker/unreachable-step");

    Run run = run("yes\n", "broken", "--dir", broken.toString());

    assertThat(run.lines)
        .contains(
            "! UNREACHABLE_STEP broken r1 b: no path from a leads here", "# completed {a=yes}");
  }

  private record Run(int code, List<String> lines) {}

  private static Run run(String stdin, String... args) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int code = FlowRunner.run(args, new BufferedReader(new StringReader(stdin)), out, true);
    return new Run(code, bytes.toString(StandardCharsets.UTF_8).lines().toList());
  }
}
