package org.peerloop.bot.conversation;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.peerloop.bot.instruments.Instruments;
import org.peerloop.bot.instruments.PeriodTexts;
import org.peerloop.bot.people.Membership;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.Zones;
import org.peerloop.bot.texts.BotTexts;
import org.peerloop.content.catalog.Catalog;
import org.peerloop.content.engine.Context;
import org.peerloop.scheduler.Period;

/**
 * What the engine's {placeholders} are filled with for a person and the partnership a flow is
 * about: their name, their organisation and role, their partners, their time zone and local time,
 * and the period (the ISO week in the partnership's zone).
 */
final class Contexts {

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

  private final Catalog catalog;
  private final BotTexts texts;
  private final Instruments instruments;

  Contexts(Catalog catalog, BotTexts texts, Instruments instruments) {
    this.catalog = catalog;
    this.texts = texts;
    this.instruments = instruments;
  }

  /** The context of a run: its period as fixed at the start, and the instrument's own values. */
  Context of(Person person, String language, Partnership partnership, Instant now, Run run) {
    Map<String, String> values = values(person, language, partnership, now);
    Period.parse(run.period())
        .ifPresent(p -> values.put("period", PeriodTexts.of(p, language, texts)));
    String organisation = person.membership(partnership).map(Membership::organisation).orElse(null);
    values.putAll(instruments.values(run.flowId(), partnership, organisation, run.subject()));
    return new Context(language, values, instruments.lists(run.flowId(), partnership), catalog);
  }

  Map<String, String> values(Person person, String language, Partnership partnership, Instant now) {
    Map<String, String> v = new HashMap<>();
    v.put("name", name(person, language));
    String zone = zone(person, partnership);
    v.put("timezone", zone);
    v.put("localtime", CLOCK.format(now.atZone(ZoneId.of(zone))));
    ZoneId periodZone = partnership == null ? ZoneOffset.UTC : partnership.zone();
    int week = now.atZone(periodZone).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    v.put("period", texts.text(language, "period-week", Map.of("week", String.valueOf(week))));
    Membership place = person.membership(partnership).orElse(null);
    List<String> partners =
        partnership == null || place == null
            ? List.of()
            : partnership.partnersOf(place.organisation());
    v.put(
        "partner",
        partners.isEmpty() ? texts.text(language, "partner-unknown") : String.join(", ", partners));
    v.put("partnership", partnership == null ? "" : partnership.name());
    v.put(
        "organisation",
        partnership == null || place == null
            ? ""
            : partnership.organisation(place.organisation()).map(o -> o.name()).orElse(""));
    v.put("role", place == null ? "" : texts.text(language, "role-" + place.role().slug()));
    return v;
  }

  /**
   * A member's own name once they gave one. Before that, on the web the address is the name the
   * person typed; elsewhere it is a chat id or a phone number, never to be shown as a name.
   */
  private String name(Person person, String language) {
    if (person.member() != null && person.member().name() != null) {
      return person.member().name();
    }
    return "web".equals(person.contact().channel())
        ? person.contact().address()
        : texts.text(language, "name-unknown");
  }

  /** The member's zone; while joining, a guess from the number or the partnership's zone. */
  static String zone(Person person, Partnership partnership) {
    if (person.member() != null && Zones.exists(person.member().timezone())) {
      return person.member().timezone();
    }
    String fallback = partnership == null ? "UTC" : partnership.timezone();
    return Zones.propose(person.contact().address(), fallback);
  }
}
