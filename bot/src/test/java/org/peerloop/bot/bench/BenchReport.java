package org.peerloop.bot.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What every benchmark leaves behind: a JSON file under {@code target/bench/}, one summary line
 * {@code BENCH <name> PASS|FAIL …}, and, with {@code -Dbench.enforce=true}, a failed build on a
 * miss. Figures are compared as ratios within one run (see docs/BENCHMARKS.md).
 */
public final class BenchReport {

  private final String name;
  private final Map<String, Object> figures = new LinkedHashMap<>();

  public BenchReport(String name) {
    this.name = name;
  }

  public BenchReport put(String key, Object value) {
    figures.put(key, value);
    return this;
  }

  /** Writes the JSON, prints the line, and throws on a miss when enforcing. */
  public void finish(boolean pass, String target, String summary) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("benchmark", name);
    all.put("date", Instant.now().toString());
    all.put("machine", machine());
    all.put("target", target);
    all.put("pass", pass);
    all.putAll(figures);
    Path dir = Path.of("target", "bench");
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name + ".json"), json(all) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String line =
        "BENCH "
            + name
            + " "
            + (pass ? "PASS" : "FAIL")
            + " "
            + summary
            + " (target: "
            + target
            + ")";
    System.out.println(line);
    System.err.println(line);
    if (!pass && Boolean.getBoolean("bench.enforce")) {
      throw new AssertionError(line);
    }
  }

  static String machine() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown";
    }
    return String.format(
        Locale.ROOT,
        "%s, %d cores, %d MiB max heap, Java %s",
        host,
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.version"));
  }

  private static String json(Object value) {
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream()
          .map(e -> json(e.getKey().toString()) + ": " + json(e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    if (value instanceof Iterable<?> list) {
      StringBuilder out = new StringBuilder("[");
      for (Object o : list) {
        out.append(out.length() > 1 ? ", " : "").append(json(o));
      }
      return out.append("]").toString();
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    if (value == null) {
      return "null";
    }
    String s = value.toString().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    return "\"" + s + "\"";
  }
}
