package org.peerloop.bot.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peerloop.scheduler.QuietHours;

/** The pure parts of broadcasts: links, times, state moves and counts, as tables. */
class BroadcastRulesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "https://example.org/report.pdf, true",
    "http://county.go.ke/budget?y=2026#p3, true",
    "HTTPS://EXAMPLE.ORG, true",
    "ftp://example.org/x, false",
    "javascript:alert(1), false",
    "example.org/report, false",
    "https://, false",
    "'https://exa mple.org', false",
    "mailto:a@example.org, false",
  })
  void onlyWebLinksAreTaken(String link, boolean ok) {
    assertThat(BroadcastRules.isWebLink(link)).isEqualTo(ok);
  }

  @Test
  void aLinkOverFiveHundredCharactersIsRefused() {
    assertThat(BroadcastRules.isWebLink("https://example.org/" + "a".repeat(481))).isFalse();
  }

  @Test
  void textIsCheckedForEmptinessAndLength() {
    assertThat(BroadcastRules.check("  \n ", null))
        .extracting(p -> p.key())
        .containsExactly("broadcast-empty");
    assertThat(BroadcastRules.check("x".repeat(3_500), null)).isEmpty();
    BroadcastRules.Problem tooLong = BroadcastRules.check("x".repeat(3_501), "ftp://x").get(0);
    assertThat(tooLong.key()).isEqualTo("broadcast-too-long");
    assertThat(tooLong.values()).isEqualTo(Map.of("limit", "3,500", "length", "3,501"));
    assertThat(BroadcastRules.check("hi", "ftp://x"))
        .extracting(p -> p.key())
        .containsExactly("broadcast-bad-link");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "2026-11-26T09:00, local",
    "2026-11-26T09:00:00+03:00, at",
    "2026-11-26T06:00:00Z, at",
    "next tuesday, none",
    "2026-13-01T09:00, none",
  })
  void sendAtReadsAMomentOrALocalTime(String text, String kind) {
    var parsed = SendAt.parse(text);
    switch (kind) {
      case "local" -> assertThat(parsed).get().isInstanceOf(SendAt.Local.class);
      case "at" ->
          assertThat(parsed).get().isEqualTo(new SendAt.At(Instant.parse("2026-11-26T06:00:00Z")));
      default -> assertThat(parsed).isEmpty();
    }
  }

  @Test
  void aLocalTimeFallsInEachZoneAndOutOfQuietHours() {
    SendAt nine = new SendAt.Local(LocalDateTime.parse("2026-11-26T09:00"));
    SendAt six = new SendAt.Local(LocalDateTime.parse("2026-11-26T06:00"));
    QuietHours quiet = QuietHours.DEFAULT; // 20:00–07:00

    assertThat(nine.forZone(ZoneId.of("Africa/Nairobi"), quiet))
        .isEqualTo(Instant.parse("2026-11-26T06:00:00Z"));
    assertThat(nine.forZone(ZoneId.of("Africa/Lagos"), quiet))
        .isEqualTo(Instant.parse("2026-11-26T08:00:00Z"));
    // 06:00 is in the quiet hours: it goes when they end, at 07:00 there.
    assertThat(six.forZone(ZoneId.of("Africa/Nairobi"), quiet))
        .isEqualTo(Instant.parse("2026-11-26T04:00:00Z"));
    assertThat(
            six.forZone(
                ZoneId.of("Africa/Nairobi"),
                new QuietHours(LocalTime.of(22, 0), LocalTime.of(5, 0))))
        .isEqualTo(Instant.parse("2026-11-26T03:00:00Z"));
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource({
    "queued, sent, true",
    "queued, skipped, true",
    "queued, unknown, true",
    "sent, delivered, true",
    "sent, read, true",
    "sent, failed, true",
    "delivered, read, true",
    "read, delivered, false",
    "delivered, sent, false",
    "sent, sent, false",
    "unknown, sent, false",
    "skipped, sent, false",
    "failed, delivered, false",
  })
  void recipientsOnlyMoveForward(String from, String to, boolean moves) {
    assertThat(Recipient.moves(from, to)).isEqualTo(moves);
  }

  @Test
  void stateTransitionsAreGuarded() {
    assertThat(BroadcastState.DRAFT.canBecome(BroadcastState.SENDING)).isTrue();
    assertThat(BroadcastState.SCHEDULED.canBecome(BroadcastState.SENDING)).isTrue();
    assertThat(BroadcastState.SENDING.canBecome(BroadcastState.DONE)).isTrue();
    assertThat(BroadcastState.DONE.canBecome(BroadcastState.CANCELLED)).isFalse();
    assertThat(BroadcastState.CANCELLED.canBecome(BroadcastState.SENDING)).isFalse();
    assertThat(BroadcastState.SENDING.canBecome(BroadcastState.DRAFT)).isFalse();
  }

  @Test
  void countsRoundTripWithReasonsThatHoldDotsAndDollars() {
    Counts c = new Counts();
    c.add("telegram", "kisumu", "sent", null, 3);
    c.add("whatsapp", "isiolo", "failed", "63024 Invalid recipient. See twilio.com/$docs", 2);
    c.add("whatsapp", "isiolo", "read", null, 1);

    Counts back = Counts.fromDocument(new Document(c.toDocument()));

    assertThat(back.in("sent")).isEqualTo(3);
    assertThat(back.in("failed")).isEqualTo(2);
    assertThat(back.reasons.get("failed"))
        .containsEntry("63024 Invalid recipient. See twilio.com/$docs", 2);
    assertThat(Counts.path("whatsapp", "a.b", "sent")).isEqualTo("counts.whatsapp.a\u2024b.sent");
  }

  @Test
  void theFunnelCountsDeliveredAndReadAsSent() {
    Map<String, Integer> f =
        Counts.funnel(Map.of("sent", 5, "delivered", 3, "read", 2, "failed", 1, "queued", 4));
    assertThat(f.keySet())
        .containsExactly("queued", "sent", "delivered", "read", "failed", "skipped", "unknown");
    assertThat(f.values()).containsExactly(4, 10, 5, 2, 1, 0, 0);
  }

  @Test
  void aMessageIdNamesItsBroadcast() {
    assertThat(BroadcastGate.broadcastOf("broadcast|b123|7")).isEqualTo("b123");
    assertThat(BroadcastGate.broadcastOf("broadcast|b123|group")).isEqualTo("b123");
    assertThat(BroadcastGate.broadcastOf("broadcast-done|b123")).isNull();
    assertThat(BroadcastGate.broadcastOf("web:1|in-1#0")).isNull();
  }
}
