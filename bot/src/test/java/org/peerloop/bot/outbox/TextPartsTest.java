package org.peerloop.bot.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextPartsTest {

  @Test
  void aShortTextIsOnePart() {
    assertThat(TextParts.split("hello")).containsExactly("hello");
  }

  @Test
  void anEmptyTextStillSendsSomething() {
    assertThat(TextParts.split("")).containsExactly(" ");
  }

  @Test
  void splitsAtAParagraphNearTheLimit() {
    String a = "a".repeat(3000);
    String b = "b".repeat(3000);
    assertThat(TextParts.split(a + "\n\n" + b)).containsExactly(a, b);
  }

  @Test
  void splitsAtAWordWhenThereIsNoLineBreak() {
    String text = ("word ").repeat(2000).strip(); // 9,999 characters
    List<String> parts = TextParts.split(text);
    assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(4096));
    assertThat(parts).allSatisfy(p -> assertThat(p).doesNotStartWith(" ").endsWith("word"));
    assertThat(String.join(" ", parts)).isEqualTo(text);
  }

  @Test
  void neverCutsAnEmojiInHalf() {
    String text = "\ud83d\ude00".repeat(3000); // 6,000 chars, no break anywhere
    List<String> parts = TextParts.split(text);
    assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(4096));
    assertThat(parts)
        .allSatisfy(p -> assertThat(Character.isHighSurrogate(p.charAt(p.length() - 1))).isFalse());
    assertThat(String.join("", parts)).isEqualTo(text);
  }
}
