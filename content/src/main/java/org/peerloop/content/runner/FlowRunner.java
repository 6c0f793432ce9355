package org.peerloop.content.runner;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.peerloop.content.catalog.ContentFormatException;
import org.peerloop.content.check.FlowChecker;
import org.peerloop.content.engine.Context;
import org.peerloop.content.flow.Flow;
import org.peerloop.content.flow.FlowLibrary;

/**
 * Steps through a flow in a terminal, for content authors. Usage: {@code <flow> [language]
 * [revision] [--dir <resources>] [name=… partner=… period=…]}. Reads lines from stdin until the
 * flow ends; piped input is echoed with {@code >} so the output reads as a transcript.
 */
public final class FlowRunner {

  private FlowRunner() {}

  public static void main(String[] args) throws Exception {
    var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    var out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    System.exit(run(args, in, out, System.console() == null));
  }

  static int run(String[] args, BufferedReader in, PrintStream out, boolean echo) throws Exception {
    List<String> positional = new ArrayList<>();
    Map<String, String> values = new LinkedHashMap<>(defaults());
    Path dir = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--dir") && i + 1 < args.length) {
        dir = Path.of(args[++i]);
      } else if (args[i].contains("=")) {
        String[] kv = args[i].split("=", 2);
        values.put(kv[0], kv[1]);
      } else {
        positional.add(args[i]);
      }
    }
    if (positional.isEmpty()) {
      out.println("usage: <flow> [language] [revision] [--dir <resources>] [name=…]");
      return 2;
    }
    FlowLibrary library;
    try {
      library = dir == null ? FlowLibrary.fromClasspath() : FlowLibrary.fromDirectory(dir);
    } catch (ContentFormatException e) {
      out.println("! " + e.getMessage());
      return 1;
    }
    FlowChecker.check(library).forEach(problem -> out.println("! " + problem));
    String id = positional.get(0);
    String language = positional.size() > 1 ? positional.get(1) : "en";
    Optional<Flow> flow =
        positional.size() > 2
            ? library.flow(id, Integer.parseInt(positional.get(2)))
            : library.latest(id);
    if (flow.isEmpty()) {
      out.println("! no flow " + id + "; there are " + library.ids());
      return 1;
    }
    if (!flow.get().speaks(language)) {
      out.println("! " + flow.get().label() + " has no " + language + " texts; using en");
    }
    out.println("# " + flow.get().label() + " in " + language + " " + values);
    out.println(
        "# type answers; /tap <n|payload>, /media [voice|photo], /timeout, /expire,"
            + " /wait <24h>; Ctrl-D ends");
    var conversation =
        new Conversation(flow.get(), new Context(language, values, library.catalog()));
    conversation.start().forEach(out::println);
    String line;
    while (conversation.state().waiting() && (line = in.readLine()) != null) {
      if (echo) {
        out.println("> " + line);
      }
      conversation.handle(line).forEach(out::println);
    }
    out.println(
        "# "
            + conversation.state().status().name().toLowerCase(java.util.Locale.ROOT)
            + " "
            + conversation.state().answers());
    return 0;
  }

  private static Map<String, String> defaults() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("name", "Amina");
    values.put("partner", "Kisumu County");
    values.put("period", "week 2");
    return values;
  }
}
