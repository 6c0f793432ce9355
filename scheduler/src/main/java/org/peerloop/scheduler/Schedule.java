package org.peerloop.scheduler;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * When a partnership's people are nudged: its cadences, its quiet hours, and the zone used for
 * members who have not set their own (the partnership's unless the schedule names another).
 */
public record Schedule(
    String partnership, ZoneId zone, QuietHours quiet, List<CadenceRule> cadences) {

  public Schedule {
    cadences = List.copyOf(cadences);
  }

  public Optional<CadenceRule> cadence(String flow) {
    return cadences.stream().filter(c -> c.flow().equals(flow)).findFirst();
  }
}
