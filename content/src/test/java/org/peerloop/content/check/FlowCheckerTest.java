package org.peerloop.content.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peerloop.content.TestContent;
import org.peerloop.content.flow.FlowLibrary;

/** Each rule has one broken fixture under checker/<rule>, failing with that rule's message. */
class FlowCheckerTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "DANGLING_STEP        | DANGLING_STEP broken r1 a: next is 'nowhere', no such step",
        "UNREACHABLE_STEP     | UNREACHABLE_STEP broken r1 b: no path from a leads here",
        "WAIT_WITHOUT_TIMEOUT | WAIT_WITHOUT_TIMEOUT broken r1 a: waits without expire-after",
        "BRANCH_TO_NOTHING    | BRANCH_TO_NOTHING broken r1 a: branch no goes to 'nowhere', no such"
            + " step",
        "MISSING_TEXT         | MISSING_TEXT broken r1 sw: broken.a.prompt",
        "SAME_AS_ENGLISH      | SAME_AS_ENGLISH broken r1 sw: broken.a.prompt reads exactly as in"
            + " English; translate it or list it in _same_as_english",
        "UNKNOWN_PLACEHOLDER  | UNKNOWN_PLACEHOLDER broken r1 en broken.a.prompt: {nmae} is not one"
            + " of [name, partner, organisation, period, partnership, role, timezone, localtime,"
            + " about, score, item_1, item_2, item_3, item_4, item_5, code, outcome, date, flow, when, rule, count, quiet, example, organisations]",
        "PAYLOAD_TOO_LONG     | PAYLOAD_TOO_LONG a-rather-long-flow-identifier r1"
            + " a-rather-long-step-identifier:"
            + " a-rather-long-flow-identifier.a-rather-long-step-identifier:a-long-option-key is"
            + " 77 bytes; shorten the flow, step or option id",
      })
  void eachBrokenFixtureFailsWithItsNamedMessage(Rule rule, String message) {
    List<Problem> problems = FlowChecker.check(fixture(rule));

    assertThat(problems).extracting(Problem::rule).containsOnly(rule);
    assertThat(problems).extracting(Problem::toString).contains(message);
  }

  @Test
  void aBranchOnACategoryNoAnswerProducesIsABranchToNothing() {
    assertThat(FlowChecker.check(fixture(Rule.BRANCH_TO_NOTHING)))
        .extracting(Problem::toString)
        .contains(
            "BRANCH_TO_NOTHING other r1 a: branch on 'maybe', which no answer produces [yes, no]");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no reminder          | expire-after: 1d                            | waits without"
            + " remind-after",
        "not increasing       | remind-after: [24h, 24h], expire-after: 5d  | remind-after must"
            + " increase: reminder 2 (24h) is not after reminder 1 (24h)",
        "decreasing           | remind-after: [3d, 24h], expire-after: 5d   | remind-after must"
            + " increase: reminder 2 (24h) is not after reminder 1 (3d)",
        "reminder at expiry   | remind-after: [24h, 5d], expire-after: 5d   | reminder 2 (5d) is"
            + " not before expire-after (5d)",
        "reminder after expiry | remind-after: 4d, expire-after: 3d        | reminder 1 (4d) is not"
            + " before expire-after (3d)",
        "four reminders       | remind-after: [1h, 2h, 3h, 4h], expire-after: 1d | remind-after"
            + " lists 4 reminders; at most 3 are allowed",
      })
  void aWaitThatCannotRemindInOrderBeforeItExpiresIsRefused(
      String name, String wait, String message, @TempDir Path dir) throws Exception {
    List<Problem> problems = FlowChecker.check(library(dir, "{ " + wait + " }"));

    assertThat(problems)
        .extracting(Problem::toString)
        .containsExactly("WAIT_WITHOUT_TIMEOUT broken r1 a: " + message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "remind-after: 24h, expire-after: 3d",
        "remind-after: [24h, 72h, 4d], expire-after: 5d"
      })
  void upToThreeIncreasingRemindersBeforeTheExpiryAreFine(String wait, @TempDir Path dir)
      throws Exception {
    assertThat(FlowChecker.check(library(dir, "{ " + wait + " }"))).isEmpty();
  }

  /** A one-question flow with the given wait, its English text beside it. */
  private static FlowLibrary library(Path dir, String wait) throws Exception {
    Files.createDirectories(dir.resolve("flows"));
    Files.createDirectories(dir.resolve("messages"));
    Files.writeString(
        dir.resolve("flows/broken.r1.yaml"),
        "id: broken\nrevision: 1\nlanguages: [en]\nsteps:\n  - id: a\n    kind: yes-no\n"
            + "    wait: "
            + wait
            + "\n");
    Files.writeString(
        dir.resolve("messages/broken.en.yaml"), "a: { prompt: \"Is it working?\" }\n");
    return FlowLibrary.fromDirectory(dir);
  }

  @Test
  void everyRuleHasABrokenFixture() {
    for (Rule rule : Rule.values()) {
      assertThat(FlowChecker.check(fixture(rule))).as(rule.name()).isNotEmpty();
    }
  }

  @Test
  void theEngineTestFixturesAreClean() {
    assertThat(FlowChecker.check(TestContent.fixtures())).isEmpty();
  }

  private static FlowLibrary fixture(Rule rule) {
    String dir = rule.name().toLowerCase(Locale.ROOT).replace('_', '-');
    return FlowLibrary.fromDirectory(TestContent.resource("checker/" + dir));
  }
}
