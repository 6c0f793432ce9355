package org.peerloop.bot.people;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Time zones as people give them: a zone id ({@code Africa/Nairobi}) or a city ({@code nairobi},
 * {@code Dar es Salaam}); and a first guess from a phone number's country code, for the countries
 * where one zone covers the country. Anything else starts from the partnership's zone.
 */
public final class Zones {

  private static final Map<String, String> BY_COUNTRY_CODE =
      Map.ofEntries(
          Map.entry("254", "Africa/Nairobi"),
          Map.entry("255", "Africa/Dar_es_Salaam"),
          Map.entry("256", "Africa/Kampala"),
          Map.entry("250", "Africa/Kigali"),
          Map.entry("257", "Africa/Bujumbura"),
          Map.entry("251", "Africa/Addis_Ababa"),
          Map.entry("252", "Africa/Mogadishu"),
          Map.entry("211", "Africa/Juba"),
          Map.entry("260", "Africa/Lusaka"),
          Map.entry("263", "Africa/Harare"),
          Map.entry("265", "Africa/Blantyre"),
          Map.entry("258", "Africa/Maputo"),
          Map.entry("27", "Africa/Johannesburg"),
          Map.entry("233", "Africa/Accra"),
          Map.entry("234", "Africa/Lagos"),
          Map.entry("221", "Africa/Dakar"),
          Map.entry("225", "Africa/Abidjan"),
          Map.entry("237", "Africa/Douala"),
          Map.entry("229", "Africa/Porto-Novo"),
          Map.entry("226", "Africa/Ouagadougou"),
          Map.entry("223", "Africa/Bamako"),
          Map.entry("227", "Africa/Niamey"),
          Map.entry("228", "Africa/Lome"),
          Map.entry("212", "Africa/Casablanca"),
          Map.entry("216", "Africa/Tunis"),
          Map.entry("20", "Africa/Cairo"),
          Map.entry("44", "Europe/London"),
          Map.entry("33", "Europe/Paris"),
          Map.entry("32", "Europe/Brussels"),
          Map.entry("41", "Europe/Zurich"),
          Map.entry("49", "Europe/Berlin"),
          Map.entry("91", "Asia/Kolkata"));

  private static final Map<String, String> ALIASES =
      Map.of(
          "kisumu", "Africa/Nairobi",
          "mombasa", "Africa/Nairobi",
          "isiolo", "Africa/Nairobi",
          "dodoma", "Africa/Dar_es_Salaam",
          "arusha", "Africa/Dar_es_Salaam",
          "goma", "Africa/Lubumbashi",
          "geneva", "Europe/Zurich",
          "utc", "UTC");

  private Zones() {}

  public static boolean exists(String zone) {
    return zone != null && ZoneId.getAvailableZoneIds().contains(zone);
  }

  /**
   * The zone of an E.164 number's country when that country has one zone; else {@code fallback}.
   */
  public static String propose(String address, String fallback) {
    if (address != null && address.matches("\\+\\d{8,15}")) {
      for (int len = 3; len >= 2; len--) {
        String zone = BY_COUNTRY_CODE.get(address.substring(1, 1 + len));
        if (zone != null) {
          return zone;
        }
      }
    }
    return fallback;
  }

  /** Reads a zone id or a city name; empty when it is neither. */
  public static Optional<String> parse(String typed) {
    if (typed == null || typed.isBlank() || typed.length() > 64) {
      return Optional.empty();
    }
    String t = typed.strip();
    if (exists(t)) {
      return Optional.of(t);
    }
    String key = t.toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
    String alias = ALIASES.get(key.replace('_', ' ').replace(" ", ""));
    if (alias == null) {
      alias = ALIASES.get(key);
    }
    if (alias != null) {
      return Optional.of(alias);
    }
    for (String id : ZoneId.getAvailableZoneIds()) {
      int slash = id.lastIndexOf('/');
      if (slash > 0
          && id.substring(slash + 1).toLowerCase(Locale.ROOT).equals(key)
          && !id.startsWith("Etc/")
          && !id.startsWith("SystemV/")) {
        return Optional.of(id);
      }
      if (id.toLowerCase(Locale.ROOT).equals(key)) {
        return Optional.of(id);
      }
    }
    return Optional.empty();
  }
}
