package org.peerloop.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Wake-up ids: stable within a store, unguessable without its secret, free of the address. */
class WakeIdsTest {

  private static TestMongo mongo;

  @BeforeAll
  static void start() {
    mongo = new TestMongo();
  }

  @AfterAll
  static void stop() {
    mongo.close();
  }

  @Test
  void aContactsWakeUpIdIsKeyedWithTheStoresOwnSecret() {
    Instant at = Instant.parse("2026-05-04T10:00:30Z");
    String contact = "phone:+254712345678";
    DueItem one = new DueStore(mongo.db("wake-a")).wake(contact, at);
    DueItem again = new DueStore(mongo.db("wake-a")).wake(contact, at.plusSeconds(20));
    DueItem elsewhere = new DueStore(mongo.db("wake-b")).wake(contact, at);

    assertThat(again.id()).isEqualTo(one.id()); // one per contact and minute, every instance agrees
    assertThat(elsewhere.id()).isNotEqualTo(one.id()); // another store, another secret
    assertThat(one.id()).startsWith("wake|" + Instant.parse("2026-05-04T10:00:00Z").toEpochMilli());
    assertThat(one.id()).doesNotContain("254712345678").doesNotContain(contact);
    assertThat(one.subject()).isEqualTo(contact); // the item itself knows whom to wake
  }
}
