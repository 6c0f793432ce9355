package org.peerloop.bot.outbox;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.peerloop.bot.config.PeerLoopProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The bytes of attachments, as files: {@code <dir>/<person>/<id>}, where {@code <person>} is the
 * first 16 characters of the URL-safe base64 SHA-256 of the contact id (so erasing a person is
 * removing one directory, and no contact id appears on disk) and {@code <id>} is random. Files, not
 * store documents: a 45 MB export must not be re-serialised by every commit of the embedded store,
 * and a file is written once, read once or twice and then deleted.
 *
 * <p>A file is written to a temporary name and moved into place, so a reader never sees half of
 * one. Not forced to disk: whoever sends a file makes it again when the message is replayed after a
 * crash, and a lost file fails its message clearly ({@link #open} answers empty).
 */
@Component
public class Attachments {

  /** Telegram's sendDocument takes 50 MB; the rest is room for the multipart request around it. */
  static final long MAX_BYTES = 45L * 1024 * 1024;

  private static final Logger log = LoggerFactory.getLogger(Attachments.class);
  private static final int FOLDER_CHARS = 16;
  private static final Pattern FOLDER = Pattern.compile("[A-Za-z0-9_-]{" + FOLDER_CHARS + "}");
  // Checked before a key becomes a path: a key read back from the store names no other file.
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{16}/[A-Za-z0-9_-]{22}");
  private static final String PARTIAL = ".partial-";
  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

  private final Path root;
  private final boolean temporary;
  private final SecureRandom random = new SecureRandom();

  @Autowired
  Attachments(FilesProperties files, PeerLoopProperties properties) throws IOException {
    if (files.dir() != null) {
      this.root = files.dir();
      this.temporary = false;
    } else if (properties.store().memory() || properties.dataDir() == null) {
      // Nothing of an in-memory store survives the process; its files should not either. (No
      // data directory at all is possible only with MongoDB: better kept for a run than refused.)
      if (!properties.store().memory()) {
        log.warn(
            "no PEERLOOP_DATA_DIR and no peerloop.files.dir: attachments are kept in a temporary"
                + " directory until the app stops");
      }
      this.root = Files.createTempDirectory("peerloop-files-");
      this.temporary = true;
    } else {
      // Created with the first file, so that an app that never sends one leaves no trace.
      this.root = properties.dataDir().resolve("files");
      this.temporary = false;
    }
  }

  private Attachments(Path root) {
    this.root = root;
    this.temporary = false;
  }

  /** Files kept under {@code dir}, outside of Spring (tests, tools). */
  public static Attachments in(Path dir) {
    return new Attachments(dir);
  }

  /**
   * Stores a file for a person and answers the reference to put on an outbound message. The name is
   * sanitised ({@link FileNames#sanitise}); the media type is a bare {@code type/subtype} (default
   * {@code application/octet-stream}).
   *
   * @throws IllegalArgumentException when the file is larger than 45 MB or the media type is
   *     malformed
   */
  public Attachment put(String contactId, String fileName, String mediaType, byte[] content) {
    Objects.requireNonNull(contactId, "contactId");
    Objects.requireNonNull(content, "content");
    if (content.length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "an attachment holds at most 45 MB (" + MAX_BYTES + " bytes), not " + content.length);
    }
    String name = FileNames.sanitise(fileName);
    String type = FileNames.mediaType(mediaType);
    String id = newId();
    String key = folderOf(contactId) + "/" + id;
    Path target = root.resolve(key);
    try {
      try {
        write(target, id, content);
      } catch (NoSuchFileException e) {
        // The cleanup removed the person's emptied folder between our mkdir and our write.
        write(target, id, content);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not store an attachment", e);
    }
    return new Attachment(key, name, type);
  }

  private static void write(Path target, String id, byte[] content) throws IOException {
    Path folder = target.getParent();
    Files.createDirectories(folder);
    Path partial = folder.resolve(PARTIAL + id);
    try {
      Files.write(partial, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /** The stored file, or empty when it is gone (erased, cleaned up, or lost in a crash). */
  public Optional<Path> open(Attachment attachment) {
    if (attachment == null || !KEY.matcher(attachment.key()).matches()) {
      return Optional.empty();
    }
    Path file = root.resolve(attachment.key());
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /** Erasure: removes every file stored for the person. */
  public void deleteFor(String contactId) {
    try {
      deleteTree(root.resolve(folderOf(contactId)));
    } catch (IOException e) {
      throw new UncheckedIOException("could not erase a person's attachments", e);
    }
  }

  /**
   * Removes files written before {@code cutoff} (and folders left empty); answers how many files. A
   * file that cannot be removed is logged and left for the next run.
   */
  public int deleteOlderThan(Instant cutoff) {
    return deleteOlderThan(cutoff, java.util.Set.of());
  }

  /** As above, leaving the files of {@code keep} (attachment keys) however old they are. */
  public int deleteOlderThan(Instant cutoff, java.util.Set<String> keep) {
    int removed = 0;
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(root)) {
      for (Path folder : folders) {
        if (Files.isDirectory(folder)
            && FOLDER.matcher(folder.getFileName().toString()).matches()) {
          removed += deleteOlderThan(folder, cutoff, keep);
        }
      }
    } catch (NoSuchFileException e) {
      return 0; // no file was ever stored
    } catch (IOException e) {
      throw new UncheckedIOException("could not list the attachments", e);
    }
    return removed;
  }

  private static int deleteOlderThan(Path folder, Instant cutoff, java.util.Set<String> keep)
      throws IOException {
    // Read before our own deletions touch it: unchanged since the cutoff means no put() since.
    boolean quiet;
    try {
      quiet = Files.getLastModifiedTime(folder).toInstant().isBefore(cutoff);
    } catch (NoSuchFileException e) {
      return 0; // erased meanwhile
    }
    int removed = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path file : files) {
        try {
          if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)
              && !keep.contains(folder.getFileName() + "/" + file.getFileName())
              && Files.deleteIfExists(file)
              && !file.getFileName().toString().startsWith(PARTIAL)) {
            removed++;
          }
        } catch (IOException e) {
          log.warn("attachments cleanup could not remove a file: {}", e.toString());
        }
      }
    } catch (NoSuchFileException e) {
      return removed;
    }
    if (quiet) {
      try {
        Files.deleteIfExists(folder); // a put() racing us retries in a folder of its own making
      } catch (DirectoryNotEmptyException | NoSuchFileException e) {
        // a newer file is there, or the person was erased: nothing to do
      }
    }
    return removed;
  }

  /** With the in-memory store, the files go with the process. */
  @PreDestroy
  void close() {
    if (temporary) {
      try {
        deleteTree(root);
      } catch (IOException e) {
        log.warn("could not remove the temporary attachments directory: {}", e.toString());
      }
    }
  }

  private String newId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return BASE64.encodeToString(bytes);
  }

  static String folderOf(String contactId) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(contactId.getBytes(StandardCharsets.UTF_8));
      return BASE64.encodeToString(hash).substring(0, FOLDER_CHARS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.deleteIfExists(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
