package org.peerloop.content.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
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
        "WAIT_WITHOUT_TIMEOUT | WAIT_WITHOUT_TIMEOUT broken r1 a: waits without remind-after and a"
            + " later expire-after Wait[remindAfter=PT1H, expireAfter=null]",
        "BRANCH_TO_NOTHING    | BRANCH_TO_NOTHING broken r1 a: branch no goes to 'nowhere', no such"
            + " step",
        "MISSING_TEXT         | MISSING_TEXT broken r1 sw: broken.a.prompt",
        "SAME_AS_ENGLISH      | SAME_AS_ENGLISH broken r1 sw: broken.a.prompt reads exactly as in"
            + " English; translate it or list it in _same_as_english",
        "UNKNOWN_PLACEHOLDER  | UNKNOWN_PLACEHOLDER broken r1 en broken.a.prompt: {nmae} is not one"
            + " of [name, partner, organisation, period, partnership, role, timezone, localtime,"
            + " about, score, item_1, item_2, item_3, item_4, item_5, code, outcome]",
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
