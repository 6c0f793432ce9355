package org.peerloop.bot.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peerloop.bot.testing.MutableClock;

/** Attachments on a real directory: what is stored where, who can erase it, and what is refused. */
class AttachmentsTest {

  @TempDir Path dir;
  private Attachments attachments;

  @BeforeEach
  void open() {
    attachments = Attachments.in(dir);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aStoredFileOpensWithItsBytesUnderThePersonsFolder() throws Exception {
    Attachment a =
        attachments.put("web:amina", "my-data.json", "application/json", bytes("{\"a\":1}"));

    assertThat(a.fileName()).isEqualTo("my-data.json");
    assertThat(a.mediaType()).isEqualTo("application/json");
    assertThat(a.key()).matches("[A-Za-z0-9_-]{16}/[A-Za-z0-9_-]{22}");
    assertThat(a.key()).startsWith(Attachments.folderOf("web:amina") + "/");
    assertThat(a.id()).isEqualTo(a.key().substring(17));
    Path file = attachments.open(a).orElseThrow();
    assertThat(file).isEqualTo(dir.resolve(a.key()));
    assertThat(Files.readString(file)).isEqualTo("{\"a\":1}");
    // No contact id on disk, and nothing half-written left behind.
    try (Stream<Path> all = Files.walk(dir)) {
      assertThat(all.map(p -> dir.relativize(p).toString()))
          .noneMatch(p -> p.contains("amina"))
          .noneMatch(p -> p.contains(".partial-"));
    }
  }

  @Test
  void theFolderIsTheFirst16CharactersOfTheUrlSafeBase64Sha256() {
    // sha256("telegram:42"), base64url: TxaT8yHfRLo3OZbJ4jxD9qJwBo6BhoTqRFM0JTrsgbQ
    assertThat(Attachments.folderOf("telegram:42"))
        .hasSize(16)
        .isEqualTo(
            java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(sha256("telegram:42"))
                .substring(0, 16));
  }

  private static byte[] sha256(String s) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(bytes(s));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theDirectoryIsMadeWithTheFirstFile() {
    Path later = dir.resolve("later");
    Attachments lazy = Attachments.in(later);

    assertThat(lazy.deleteOlderThan(Instant.now())).isZero();
    lazy.deleteFor("web:amina");
    assertThat(Files.exists(later)).isFalse();

    assertThat(lazy.open(lazy.put("web:amina", "a.txt", "text/plain", bytes("1")))).isPresent();
  }

  @Test
  void twoFilesOfOnePersonGetTwoIds() {
    Attachment one = attachments.put("web:amina", "a.txt", "text/plain", bytes("1"));
    Attachment two = attachments.put("web:amina", "a.txt", "text/plain", bytes("2"));

    assertThat(one.key()).isNotEqualTo(two.key());
    assertThat(one.key().substring(0, 16)).isEqualTo(two.key().substring(0, 16));
  }

  @Test
  void aMissingFileOrAForgedKeyOpensNothing() {
    Attachment a = attachments.put("web:amina", "a.txt", "text/plain", bytes("1"));

    assertThat(attachments.open(new Attachment(a.key().replace(a.id(), "A".repeat(22)), "x", "y")))
        .isEmpty();
    assertThat(attachments.open(new Attachment("../../etc/passwd", "x", "text/plain"))).isEmpty();
    assertThat(attachments.open(new Attachment(a.key().substring(0, 16), "x", "y")))
        .as("a person's folder is not a file")
        .isEmpty();
    assertThat(attachments.open(null)).isEmpty();
  }

  @Test
  void erasureRemovesEveryFileOfThePersonAndNoOneElses() {
    Attachment a1 = attachments.put("web:amina", "a.txt", "text/plain", bytes("1"));
    Attachment a2 = attachments.put("web:amina", "b.png", "image/png", bytes("2"));
    Attachment b1 = attachments.put("web:baraka", "a.txt", "text/plain", bytes("3"));

    attachments.deleteFor("web:amina");

    assertThat(attachments.open(a1)).isEmpty();
    assertThat(attachments.open(a2)).isEmpty();
    assertThat(Files.exists(dir.resolve(Attachments.folderOf("web:amina")))).isFalse();
    assertThat(attachments.open(b1)).isPresent();
    attachments.deleteFor("web:nobody"); // nothing stored: nothing to do, no error
  }

  @Test
  void filesWrittenBeforeTheCutoffAreDeletedAndNewerOnesKept() throws Exception {
    Instant now = Instant.parse("2026-11-24T03:47:00Z");
    Attachment old = attachments.put("web:amina", "old.json", "application/json", bytes("o"));
    Attachment fresh = attachments.put("web:amina", "new.json", "application/json", bytes("n"));
    Attachment alone = attachments.put("web:baraka", "old.json", "application/json", bytes("o"));
    age(dir.resolve(old.key()), now.minus(Duration.ofDays(8)));
    age(dir.resolve(fresh.key()), now.minus(Duration.ofDays(6)));
    age(dir.resolve(alone.key()), now.minus(Duration.ofDays(8)));
    Path aloneFolder = dir.resolve(alone.key()).getParent();
    age(aloneFolder, now.minus(Duration.ofDays(8)));
    // A write that died half-way leaves a partial file; it goes too, uncounted.
    Path partial = dir.resolve(fresh.key()).resolveSibling(".partial-x");
    Files.writeString(partial, "half");
    age(partial, now.minus(Duration.ofDays(8)));

    int removed = attachments.deleteOlderThan(now.minus(Duration.ofDays(7)));

    assertThat(removed).isEqualTo(2);
    assertThat(attachments.open(old)).isEmpty();
    assertThat(attachments.open(alone)).isEmpty();
    assertThat(attachments.open(fresh)).isPresent();
    assertThat(Files.exists(partial)).isFalse();
    assertThat(Files.exists(aloneFolder)).as("a folder left empty goes").isFalse();
    // The person whose folder went can still be sent a file.
    assertThat(attachments.open(attachments.put("web:baraka", "n", null, bytes("x")))).isPresent();
  }

  @Test
  void theScheduledCleanupKeepsFilesForKeepDays() throws Exception {
    Instant now = Instant.parse("2026-11-24T03:47:00Z");
    Attachment eightDays = attachments.put("web:amina", "a", null, bytes("a"));
    Attachment sixDays = attachments.put("web:amina", "b", null, bytes("b"));
    // A key message's photo, its broadcast still scheduled: kept however old.
    Attachment kept = attachments.put("broadcast:b1", "p.jpg", "image/jpeg", bytes("p"));
    age(dir.resolve(eightDays.key()), now.minus(Duration.ofDays(8)));
    age(dir.resolve(sixDays.key()), now.minus(Duration.ofDays(6)));
    age(dir.resolve(kept.key()), now.minus(Duration.ofDays(40)));

    new AttachmentsCleanup(
            attachments,
            new FilesProperties(dir, 7),
            new MutableClock(now),
            java.util.List.of(() -> java.util.Set.of(kept.key())))
        .run();

    assertThat(attachments.open(eightDays)).isEmpty();
    assertThat(attachments.open(sixDays)).isPresent();
    assertThat(attachments.open(kept)).isPresent();
  }

  private static void age(Path p, Instant at) throws Exception {
    Files.setLastModifiedTime(p, FileTime.from(at));
  }

  @ParameterizedTest(name = "[{0}] -> [{1}]")
  @CsvSource(
      delimiter = '|',
      value = {
        "report.json|report.json",
        "../../etc/passwd|_.._etc_passwd",
        "..\\..\\boot.ini|_..\\_boot.ini",
        "a/b\\c.txt|a_b_c.txt",
        "  .hidden  |hidden",
        "...|file",
        "''|file",
        "ré sumé 📈.xlsx|ré sumé 📈.xlsx",
      })
  void namesAreSanitised(String given, String expected) {
    // CsvSource cannot hold a control character: those are checked below.
    String sanitised = attachments.put("web:amina", given, "text/plain", bytes("x")).fileName();
    assertThat(sanitised).isEqualTo(expected.replace("\\_", "_"));
  }

  @Test
  void controlCharactersAndUnpairedSurrogatesAreDroppedFromNames() {
    assertThat(FileNames.sanitise("a\u0000b\nc\u007f\ud800d.txt")).isEqualTo("abcd.txt");
    assertThat(FileNames.sanitise(null)).isEqualTo("file");
  }

  @Test
  void aLongNameIsCutTo100KeepingItsExtension() {
    String name =
        attachments.put("web:amina", "x".repeat(300) + ".xlsx", null, bytes("x")).fileName();
    assertThat(name).hasSize(100).endsWith("x.xlsx");
    assertThat(FileNames.sanitise("y".repeat(150))).isEqualTo("y".repeat(100));
    // Never half of an emoji.
    String emoji = FileNames.sanitise("a" + "📈".repeat(60));
    assertThat(emoji.length()).isLessThanOrEqualTo(100);
    assertThat(Character.isHighSurrogate(emoji.charAt(emoji.length() - 1))).isFalse();
  }

  @Test
  void mediaTypesAreBareTypeSlashSubtype() {
    assertThat(attachments.put("web:amina", "a", "IMAGE/PNG", bytes("x")).mediaType())
        .isEqualTo("image/png");
    assertThat(attachments.put("web:amina", "a", null, bytes("x")).mediaType())
        .isEqualTo("application/octet-stream");
    assertThat(
            attachments
                .put(
                    "web:amina",
                    "a",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    bytes("x"))
                .mediaType())
        .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    for (String bad :
        new String[] {"text/html\r\nX-Evil: 1", "text", "text/plain; charset=utf-8"}) {
      assertThatThrownBy(() -> attachments.put("web:amina", "a", bad, bytes("x")))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aFileOver45MbIsRefusedAndNothingIsWritten() throws Exception {
    byte[] limit = new byte[(int) Attachments.MAX_BYTES];
    assertThat(attachments.open(attachments.put("web:amina", "ok.bin", null, limit))).isPresent();
    attachments.deleteFor("web:amina");

    assertThatThrownBy(
            () -> attachments.put("web:amina", "big.bin", null, new byte[limit.length + 1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("45 MB");
    try (Stream<Path> all = Files.walk(dir)) {
      assertThat(all.filter(Files::isRegularFile)).isEmpty();
    }
  }
}
