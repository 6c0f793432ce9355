package org.peerloop.bot.channel.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerloop.content.engine.Button;

class WebTranscriptsTest {

  private final WebTranscripts transcripts = new WebTranscripts();

  @Test
  void messagesAreNumberedPerPersonAndARepeatedClientIdIsShownOnce() {
    assertThat(transcripts.fromUser("amina", "c1", "hi")).isTrue();
    assertThat(transcripts.fromUser("amina", "c1", "hi")).isFalse();
    transcripts.fromBot("amina", "Hello!", List.of(new Button("Yes", "consent.agree:yes")));
    transcripts.fromUser("otieno", null, "hey");

    assertThat(transcripts.after("amina", 0, null))
        .extracting(WebTranscripts.Message::seq, WebTranscripts.Message::from)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, "user"),
            org.assertj.core.groups.Tuple.tuple(2L, "bot"));
    assertThat(transcripts.after("otieno", 0, null)).hasSize(1);
    assertThat(transcripts.labelOf("amina", "consent.agree:yes")).isEqualTo("Yes");
  }

  @Test
  void aWaitingLongPollGetsTheNextMessage() {
    List<WebTranscripts.Message> got = new ArrayList<>();
    assertThat(transcripts.after("amina", 0, got::addAll)).isEmpty();

    transcripts.fromBot("amina", "Hello!", List.of());

    assertThat(got).extracting(WebTranscripts.Message::text).containsExactly("Hello!");
  }

  @Test
  void theLeastRecentlyUsedPeopleAreForgottenBeyondTheBound() {
    transcripts.fromUser("first", null, "hi");
    for (int i = 0; i < WebTranscripts.PEOPLE_KEPT; i++) {
      transcripts.fromUser("p" + i, null, "hi");
    }

    assertThat(transcripts.after("first", 0, null)).isEmpty();
    assertThat(transcripts.after("p" + (WebTranscripts.PEOPLE_KEPT - 1), 0, null)).hasSize(1);
  }
}
