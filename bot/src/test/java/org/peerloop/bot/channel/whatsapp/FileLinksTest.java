package org.peerloop.bot.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.peerloop.bot.outbox.Attachment;

/** The signed links Twilio fetches our files from. */
class FileLinksTest {

  private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
  private final FileLinks links = new FileLinks("secret");
  private final Attachment file = new Attachment("ab/c0ffee", "summary.xlsx", "application/pdf");

  @Test
  void aLinkNamesItsFileUntilItExpires() {
    String token = links.token(file, NOW);
    assertThat(links.read(token, NOW.plusSeconds(60))).contains(file);
    assertThat(links.read(token, NOW.plus(FileLinks.LIFETIME).plusSeconds(1))).isEmpty();
  }

  @Test
  void aTamperedOrForeignLinkNamesNothing() {
    String token = links.token(file, NOW);
    String[] parts = token.split("\\.");
    String other =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("zz/other\nx.pdf\napplication/pdf\n9999999999".getBytes());
    assertThat(links.read(other + "." + parts[1], NOW)).isEmpty();
    assertThat(new FileLinks("another secret").read(token, NOW)).isEmpty();
    assertThat(links.read("garbage", NOW)).isEmpty();
    assertThat(links.read("a.b.c", NOW)).isEmpty();
    assertThat(links.read("!!!.???", NOW)).isEmpty();
  }
}
