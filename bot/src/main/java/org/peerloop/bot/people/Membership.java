package org.peerloop.bot.people;

/** A member's place in one partnership: for which organisation, in which role. */
public record Membership(String partnership, String organisation, Role role) {}
