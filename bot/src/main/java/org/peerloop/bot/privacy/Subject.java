package org.peerloop.bot.privacy;

import java.util.List;

/**
 * The person a data request is about: their member id (null for someone who never joined) and every
 * chat identity (contact id) they used.
 */
public record Subject(String memberId, List<String> contactIds) {

  public Subject {
    contactIds = List.copyOf(contactIds);
  }
}
