package org.peerloop.bot.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MongoUrisTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "mongodb://h:27017 | mongodb://h:27017/peerloop",
        "mongodb://h:27017/ | mongodb://h:27017/peerloop",
        "mongodb://h1,h2/?replicaSet=rs | mongodb://h1,h2/peerloop?replicaSet=rs",
        "mongodb://h1?tls=true | mongodb://h1/peerloop?tls=true",
        "mongodb://u:p@h/prod?w=1 | mongodb://u:p@h/prod?w=1",
        "mongodb+srv://c.example.org/app | mongodb+srv://c.example.org/app",
      })
  void addsTheDefaultDatabaseOnlyWhenNoneIsNamed(String given, String expected) {
    assertThat(MongoUris.withDefaultDatabase(given, "peerloop")).isEqualTo(expected);
  }
}
