package org.peerloop.content.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.peerloop.content.TestContent;
import org.peerloop.content.engine.Context;
import org.peerloop.content.flow.Flow;
import org.peerloop.content.flow.FlowLibrary;

/**
 * Golden transcripts under src/test/resources/golden/<flow>/<language>/<scenario>.txt. A file is
 * its header ({@code #} comments, {@code @ key value} settings) and the person's lines ({@code >});
 * everything else is what the engine produced, regenerated with {@code -Dgolden.update=true}.
 *
 * <p>Settings: {@code @ flow <id>}, {@code @ language <lang>}, {@code @ revision <n>} (default the
 * latest), {@code @ library fixtures} (test flows instead of the shipped ones); any other {@code @
 * key value} is a placeholder value ({@code @ name Amina}, {@code @ item_1 Teams meet monthly},
 * {@code @ code K7Q2}). {@code @ list <name> <key>=<label>} adds one option, in order, to a list
 * the bot supplies for a choice with {@code options-from} ({@code @ list ladder-like
 * checklist=Kijani uses the checklist}).
 */
class GoldenTranscriptTest {

  private static final Path SOURCE = Path.of("src/test/resources/golden");

  @TestFactory
  Stream<DynamicTest> everyTranscriptStillReadsTheSame() throws IOException {
    boolean update =
        GoldenFiles.update(System.getenv(), System.getProperty("golden.update", "false"));
    try (Stream<Path> files = Files.walk(SOURCE)) {
      return files.filter(f -> f.toString().endsWith(".txt")).sorted().toList().stream()
          .map(f -> DynamicTest.dynamicTest(SOURCE.relativize(f).toString(), () -> run(f, update)));
    }
  }

  @Test
  void regeneratingIsRefusedOnCi() {
    assertThatThrownBy(() -> GoldenFiles.update(Map.of("CI", "true"), "true"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("refused when CI=true");
    assertThat(GoldenFiles.update(Map.of("CI", "true"), "false")).isFalse();
    assertThat(GoldenFiles.update(Map.of(), "true")).isTrue();
  }

  private static void run(Path file, boolean update) throws IOException {
    String expected = Files.readString(file, StandardCharsets.UTF_8);
    String actual = replay(expected);
    if (update) {
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    } else {
      assertThat(actual)
          .as("%s differs; if the change is intended, run with -Dgolden.update=true", file)
          .isEqualTo(expected);
    }
  }

  /** Runs the file's inputs through the engine and writes the transcript it should contain. */
  static String replay(String transcript) {
    List<String> header = new ArrayList<>();
    List<String> inputs = new ArrayList<>();
    Map<String, String> settings = new LinkedHashMap<>();
    Map<String, List<Context.Option>> lists = new LinkedHashMap<>();
    for (String line : transcript.split("\n", -1)) {
      if (line.startsWith("#") || line.startsWith("@")) {
        header.add(line);
        if (line.startsWith("@ list ")) {
          String[] option = line.substring(7).split("[ =]", 3);
          lists
              .computeIfAbsent(option[0], k -> new ArrayList<>())
              .add(new Context.Option(option[1], option[2]));
        } else if (line.startsWith("@ ")) {
          String[] kv = line.substring(2).split(" ", 2);
          settings.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
      } else if (line.startsWith(">")) {
        inputs.add(line.length() > 1 ? line.substring(2) : "");
      }
    }
    FlowLibrary library =
        "fixtures".equals(settings.get("library")) ? TestContent.fixtures() : TestContent.shipped();
    String flowId = settings.get("flow");
    Flow flow =
        settings.containsKey("revision")
            ? library.flow(flowId, Integer.parseInt(settings.get("revision"))).orElseThrow()
            : library.latest(flowId).orElseThrow();
    Map<String, String> values = new LinkedHashMap<>(settings);
    Context context = new Context(settings.get("language"), values, lists, library.catalog());
    Conversation conversation = new Conversation(flow, context);

    List<String> out = new ArrayList<>(header);
    out.addAll(conversation.start());
    for (String input : inputs) {
      out.add(input.isEmpty() ? ">" : "> " + input);
      out.addAll(conversation.handle(input));
    }
    return String.join("\n", out) + "\n";
  }
}
