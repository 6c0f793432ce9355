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

  /** One option out of a fixed list; the option key is both the saved value and the category. */
  record Choice(List<String> options) implements Question {
    public Choice {
      options = List.copyOf(options);
    }

    @Override
    public List<String> categories() {
      return options;
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
