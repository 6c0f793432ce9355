package org.peerloop.bot.people;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A peer-to-peer engagement or learning network between two or more organisations. The slug is
 * stable: answers, rollups and invite codes key on it.
 */
public record Partnership(
    String slug,
    String name,
    String timezone,
    String language,
    List<Organisation> organisations,
    List<String> objectives,
    String outcomeChallenge,
    List<LadderItem> ladder,
    Instant createdAt) {

  public static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?");

  public Partnership {
    organisations = List.copyOf(organisations);
    objectives = objectives == null ? List.of() : List.copyOf(objectives);
    ladder = ladder == null ? List.of() : List.copyOf(ladder);
  }

  public ZoneId zone() {
    return ZoneId.of(timezone);
  }

  public Optional<Organisation> organisation(String slug) {
    return organisations.stream().filter(o -> o.slug().equals(slug)).findFirst();
  }

  /** The other organisations' names, as a person of {@code organisation} calls their partners. */
  public List<String> partnersOf(String organisation) {
    return organisations.stream()
        .filter(o -> !o.slug().equals(organisation))
        .map(Organisation::name)
        .toList();
  }

  public Partnership withLadder(List<LadderItem> items) {
    return new Partnership(
        slug,
        name,
        timezone,
        language,
        organisations,
        objectives,
        outcomeChallenge,
        items,
        createdAt);
  }
}
