package org.peerloop.bot.people;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZonesTest {

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(
      nullValues = "-",
      value = {
        "Africa/Nairobi,     Africa/Nairobi",
        "nairobi,            Africa/Nairobi",
        "' Nairobi ',        Africa/Nairobi",
        "Dar es Salaam,      Africa/Dar_es_Salaam",
        "dar-es-salaam,      Africa/Dar_es_Salaam",
        "Kinshasa,           Africa/Kinshasa",
        "Kisumu,             Africa/Nairobi",
        "UTC,                UTC",
        "europe/paris,       Europe/Paris",
        "Atlantis,           -",
        "'',                 -",
        "+03:00,             -",
      })
  void readsZoneIdsAndCityNames(String typed, String zone) {
    assertThat(Zones.parse(typed).orElse(null)).isEqualTo(zone);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "+254712345678, Africa/Nairobi",
    "+255712345678, Africa/Dar_es_Salaam",
    "+221771234567, Africa/Dakar",
    "+447700900123, Europe/London",
    "+15550100,     Africa/Kampala",
    "123456789,     Africa/Kampala",
    "not-a-number,  Africa/Kampala",
  })
  void proposesTheZoneOfTheNumbersCountryElseTheFallback(String address, String zone) {
    assertThat(Zones.propose(address, "Africa/Kampala")).isEqualTo(zone);
  }
}
