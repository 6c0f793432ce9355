package org.peerloop.bot.contact;

/** Where a person is with consent; only {@code GIVEN} lets us store what they write. */
public enum Consent {
  NONE,
  GIVEN,
  DECLINED
}
