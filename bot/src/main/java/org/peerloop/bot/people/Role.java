package org.peerloop.bot.people;

import java.util.Locale;
import java.util.Optional;

/**
 * What a member does in one partnership. Coordinators are not a role here: they work across the
 * programme (see {@link Member#coordinator()}).
 */
public enum Role {
  PEER("peer"),
  FACILITATOR("facilitator"),
  FOCAL_POINT("focal-point");

  private final String slug;

  Role(String slug) {
    this.slug = slug;
  }

  public String slug() {
    return slug;
  }

  /** Reads {@code peer}, {@code facilitator}, {@code focal-point} (also {@code focal_point}). */
  public static Optional<Role> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.strip().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
    for (Role r : values()) {
      if (r.slug.equals(t)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** Facilitators and focal points look after a partnership; peers take part in it. */
  public boolean leads() {
    return this != PEER;
  }
}
