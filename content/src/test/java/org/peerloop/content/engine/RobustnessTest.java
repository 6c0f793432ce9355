package org.peerloop.content.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whatever arrives, the engine answers without throwing and stays bounded and deterministic. */
class RobustnessTest {

  private static final String[] NOISE = {
    "",
    " ",
    "\n",
    "\u0000",
    "💩",
    "{name}",
    "/",
    "//",
    "7/0",
    "0/0",
    "NaN",
    "Infinity",
    "1e3",
    "٧٫",
    "--1",
    "+",
    "back back",
    "skip skip",
    "a".repeat(10_000),
    "\uD800",
    "kinds.score:7",
  };

  @Test
  void randomInputNeverThrowsAndEveryWaitingSessionHasDeadlines() {
    Random random = new Random(42); // seeded: a failure can be replayed
    for (int run = 0; run < 300; run++) {
      Chat chat = Chat.fixture("kinds", random.nextBoolean() ? "en" : "sw");
      for (int i = 0; i < 15 && chat.state.waiting(); i++) {
        chat.after(Duration.ofMinutes(random.nextInt(90))).send(randomInput(random));
        if (chat.state.waiting()) {
          assertThat(chat.state.attempts()).isLessThanOrEqualTo(2);
          assertThat(chat.state.expireAt()).isAfter(chat.now);
        }
      }
    }
  }

  @Test
  void theSameCallAlwaysGivesTheSameResult() {
    Chat a = StepKindsTest.toAgree();
    Chat b = StepKindsTest.toAgree();

    assertThat(a.say("yes").last).isEqualTo(b.say("yes").last);
    assertThat(a.state).isEqualTo(b.state);
  }

  private static Input randomInput(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> Input.timeout();
      case 1 -> Input.expire();
      case 2 -> Input.media("m" + random.nextInt(9), "photo");
      case 3 -> Input.tap(NOISE[random.nextInt(NOISE.length)]);
      case 4 -> Input.text(String.valueOf(random.nextInt(15) - 2));
      default -> Input.text(NOISE[random.nextInt(NOISE.length)]);
    };
  }
}
