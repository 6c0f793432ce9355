package org.peerloop.content.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where content files come from: the classpath (the shipped flows) or a directory laid out like
 * {@code src/main/resources} (tests, fixtures and authors' drafts). A directory falls back to the
 * classpath for files it lacks, so a fixture needs only its own flows and texts.
 */
public interface ContentSource {

  /** The file's text, or empty when there is no such file. */
  Optional<String> read(String path);

  /** Paths of the flow files, such as {@code flows/checkin.r1.yaml}. */
  List<String> flowFiles();

  /** A short name for messages. */
  String describe();

  static ContentSource classpath() {
    return new ContentSource() {
      @Override
      public Optional<String> read(String path) {
        try (InputStream in = ContentSource.class.getClassLoader().getResourceAsStream(path)) {
          return in == null
              ? Optional.empty()
              : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public List<String> flowFiles() {
        String index = read("flows/index.txt").orElse("");
        return index
            .lines()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .map(name -> "flows/" + name)
            .toList();
      }

      @Override
      public String describe() {
        return "classpath";
      }
    };
  }

  static ContentSource directory(Path root) {
    ContentSource fallback = classpath();
    return new ContentSource() {
      @Override
      public Optional<String> read(String path) {
        Path file = root.resolve(path);
        if (!Files.isRegularFile(file)) {
          return fallback.read(path);
        }
        try {
          return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public List<String> flowFiles() {
        Path flows = root.resolve("flows");
        if (!Files.isDirectory(flows)) {
          return List.of();
        }
        try (Stream<Path> files = Files.list(flows)) {
          return files
              .map(file -> file.getFileName().toString())
              .filter(name -> name.endsWith(".yaml"))
              .sorted()
              .map(name -> "flows/" + name)
              .toList();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public String describe() {
        return root.toString();
      }
    };
  }
}
