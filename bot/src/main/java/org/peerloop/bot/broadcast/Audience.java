package org.peerloop.bot.broadcast;

import org.peerloop.bot.people.Membership;
import org.peerloop.bot.people.Role;

/**
 * Who in a partnership a broadcast is for: everyone, one organisation, one role, or one role in one
 * organisation (null means any).
 */
public record Audience(String organisation, Role role) {

  public static final Audience EVERYONE = new Audience(null, null);

  boolean includes(Membership place) {
    return (organisation == null || organisation.equals(place.organisation()))
        && (role == null || role == place.role());
  }
}
