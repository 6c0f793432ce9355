package org.peerloop.content.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peerloop.content.TestContent;
import org.peerloop.content.catalog.Words;
import org.peerloop.content.flow.Band;
import org.peerloop.content.flow.Question;

class RatingParserTest {

  private final Words words = TestContent.shipped().catalog().words();
  private final Question.Rating halves =
      new Question.Rating(1, 5, true, List.of(new Band("weak", 1, 2), new Band("strong", 3, 5)));

  @ParameterizedTest(name = "\"{0}\" -> {1} ({2})")
  @CsvSource(
      delimiter = '|',
      value = {
        "3.5     | 3.5 | strong",
        "3,5     | 3.5 | strong",
        "٣٫٥     | 3.5 | strong",
        "3.50    | 3.5 | strong",
        "4       | 4   | strong",
        "two     | 2   | weak",
        "2.5/5   | 2.5 | ",
        "1       | 1   | weak",
      })
  void aStepThatAllowsDecimalsKeepsTheFraction(String typed, String value, String category) {
    assertThat(RatingParser.parse(halves, typed, words))
        .isEqualTo(new Parsed.Accepted(value, category));
  }

  @Test
  void aDecimalBeyondTheRangeIsRejectedWithTheRange() {
    assertThat(RatingParser.parse(halves, "5.5", words))
        .isEqualTo(
            new Parsed.Rejected("system.rating.invalid", java.util.Map.of("min", "1", "max", "5")));
  }

  @Test
  void aRatingBetweenBandsHasNoCategory() {
    assertThat(RatingParser.parse(halves, "2.5", words))
        .isEqualTo(new Parsed.Accepted("2.5", null));
  }
}
