package org.peerloop.content.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peerloop.content.TestContent;
import org.peerloop.content.catalog.ContentFormatException;

class FlowReaderTest {

  @Test
  void theCheckinReadsWithDefaultsFilledIn() {
    Flow checkin = TestContent.shipped().flow("checkin", 1).orElseThrow();
    Step progress = checkin.step("progress").orElseThrow();

    assertThat(checkin.first().id()).isEqualTo("hello");
    assertThat(progress.question())
        .isEqualTo(
            new Question.Rating(
                0, 10, false, List.of(new Band("stuck", 0, 3), new Band("moving", 4, 10))));
    assertThat(progress.nextFor("stuck")).isEqualTo("blocker");
    assertThat(progress.nextFor("moving")).isEqualTo("contact");
    assertThat(progress.maxReprompts()).isEqualTo(2);
    assertThat(progress.timeouts())
        .isEqualTo(
            new Wait(List.of(Duration.ofHours(24), Duration.ofHours(72)), Duration.ofDays(5)));
    assertThat(checkin.step("thanks").orElseThrow().next()).isEqualTo(Step.END);
    assertThat(checkin.step("thanks").orElseThrow().timeouts()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown kind | kind: slider | x.r1.yaml step a: unknown kind 'slider' (rating, choice,"
            + " yes-no, text, text-or-media, message, lowest)",
        "bad number   | kind: rating\\n    min: zero\\n    max: 10 | x.r1.yaml step a min: 'zero'"
            + " is not a whole number",
        "bad duration | kind: yes-no\\n    wait: {remind-after: soon} | x.r1.yaml step a wait:"
            + " 'soon' is not a duration like 24h or 3d",
        "bad flag     | kind: yes-no\\n    optional: perhaps | x.r1.yaml step a optional:"
            + " 'perhaps' is not true or false",
        "bad reminder | kind: yes-no\\n    wait: {remind-after: [24h, soon]} | x.r1.yaml step a"
            + " wait remind-after item 2: 'soon' is not a duration like 24h or 3d",
        "nested reminder | kind: yes-no\\n    wait: {remind-after: [24h, [72h]]} | x.r1.yaml step a"
            + " wait remind-after item 2: '[72h]' is not a duration like 24h or 3d",
      })
  void aFileThatCannotBeReadIsRefusedWithItsNameAndTheReason(
      String name, String stepBody, String message) {
    String yaml =
        "id: x\nrevision: 1\nlanguages: [en]\nsteps:\n  - id: a\n    "
            + stepBody.replace("\\n", "\n")
            + "\n";

    assertThatThrownBy(() -> FlowReader.read(yaml, "x.r1.yaml"))
        .isInstanceOf(ContentFormatException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "one duration      | {remind-after: 24h, expire-after: 3d}       | PT24H       | PT72H",
        "a list            | {remind-after: [24h, 72h], expire-after: 5d} | PT24H PT72H | PT120H",
        "a list of one     | {remind-after: [90m], expire-after: 1d}     | PT1H30M     | PT24H",
        "no remind-after   | {expire-after: 1d}                          | ''          | PT24H",
      })
  void remindAfterIsOneDurationOrAList(
      String name, String wait, String reminders, Duration expireAfter) {
    String yaml =
        "id: x\nrevision: 1\nlanguages: [en]\nsteps:\n  - id: a\n    kind: yes-no\n    wait: "
            + wait
            + "\n";

    Wait read = FlowReader.read(yaml, "x.r1.yaml").first().timeouts();

    assertThat(read.reminders())
        .containsExactlyElementsOf(
            reminders.isEmpty()
                ? List.of()
                : Arrays.stream(reminders.split(" ")).map(Duration::parse).toList());
    assertThat(read.expireAfter()).isEqualTo(expireAfter);
    assertThat(read.remindAfter())
        .isEqualTo(read.reminders().isEmpty() ? null : read.reminders().get(0));
  }

  @Test
  void aWaitIsCompleteWithIncreasingRemindersAllBeforeTheExpiry() {
    Duration h24 = Duration.ofHours(24);
    Duration h72 = Duration.ofHours(72);
    Duration d5 = Duration.ofDays(5);

    assertThat(new Wait(List.of(h24), d5).complete()).isTrue();
    assertThat(new Wait(List.of(h24, h72), d5).complete()).isTrue();
    assertThat(new Wait(List.of(), d5).complete()).isFalse();
    assertThat(new Wait(List.of(h24), null).complete()).isFalse();
    assertThat(new Wait(List.of(h72, h24), d5).complete()).isFalse();
    assertThat(new Wait(List.of(h24, h24), d5).complete()).isFalse();
    assertThat(new Wait(List.of(h24, d5), d5).complete()).isFalse();
  }

  @Test
  void aFileWhoseNameDoesNotMatchItsIdAndRevisionIsRefused(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("flows"));
    Files.writeString(
        dir.resolve("flows/checkin.r2.yaml"),
        "id: checkin\nrevision: 3\nlanguages: [en]\nsteps:\n  - id: a\n    kind: message\n");

    assertThatThrownBy(() -> FlowLibrary.fromDirectory(dir))
        .hasMessage("flows/checkin.r2.yaml: holds checkin r3, which does not match the file name");
  }

  @ParameterizedTest
  @CsvSource({"90m,PT1H30M", "24h,PT24H", "3d,PT72H", "PT2H,PT2H"})
  void durationsReadAsAuthorsWriteThem(String written, Duration expected) {
    assertThat(Durations.parse(written, "test")).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"PT1H30M,90m", "PT24H,24h", "PT72H,3d", "PT120H,5d", "PT30S,PT30S"})
  void durationsAreWrittenBackAsAuthorsWriteThem(Duration duration, String written) {
    assertThat(Durations.format(duration)).isEqualTo(written);
  }
}
