package org.peerloop.content.flow;

import java.util.List;

/** What a step asks for. Its kind decides how answers are read and which categories exist. */
public sealed interface Question {

  /** Categories an answer can fall into; a step may branch on any of them. */
  List<String> categories();

  /** Whether the step waits for the person; only a message step does not. */
  default boolean waits() {
    return true;
  }

  /** A number from min to max; each band names a range so the flow can branch on it. */
  record Rating(int min, int max, boolean decimals, List<Band> bands) implements Question {
    public Rating {
      bands = List.copyOf(bands);
    }

    @Override
    public List<String> categories() {
      return bands.stream().map(Band::name).toList();
    }
  }

  /**
   * One option out of a list; the option key is both the saved value and the category. The list is
   * fixed in the flow, or, with {@code optionsFrom}, supplied by the bot for this person (a
   * partnership's ladder items): {@code {answer}} placeholders in it name earlier answers, and the
   * category of any such answer is {@code chosen}. An empty supplied list passes the step over.
   */
  record Choice(List<String> options, String optionsFrom) implements Question {
    public static final String CHOSEN = "chosen";

    public Choice {
      options = List.copyOf(options);
    }

    public Choice(List<String> options) {
      this(options, null);
    }

    @Override
    public List<String> categories() {
      return optionsFrom == null ? options : List.of(CHOSEN);
    }
  }

  /**
   * Asks nothing: picks the lowest-rated of the listed rating steps (the first on a tie) and saves
   * its step id, so a later step can ask about it; {@code none} when none of them was rated.
   */
  record Lowest(List<String> of) implements Question {
    public Lowest {
      of = List.copyOf(of);
    }

    @Override
    public List<String> categories() {
      return List.of("found", "none");
    }

    @Override
    public boolean waits() {
      return false;
    }
  }

  record YesNo() implements Question {
    @Override
    public List<String> categories() {
      return List.of("yes", "no");
    }
  }

  /** Typed text, bounded so nobody pastes a novel and nothing is cut off silently. */
  record FreeText(int minLength, int maxLength) implements Question {
    @Override
    public List<String> categories() {
      return List.of("text");
    }
  }

  /** Typed text or a voice note, photo or other media, saved as the media reference. */
  record TextOrMedia(int maxLength) implements Question {
    @Override
    public List<String> categories() {
      return List.of("text", "media");
    }
  }

  /** Says something and moves on without waiting. */
  record Message() implements Question {
    @Override
    public List<String> categories() {
      return List.of();
    }

    @Override
    public boolean waits() {
      return false;
    }
  }
}
