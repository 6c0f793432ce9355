package org.peerloop.bot.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MemberStatusTest {

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource({
    "INVITED, ACTIVE,  true",
    "INVITED, PAUSED,  false",
    "INVITED, STOPPED, true",
    "ACTIVE,  PAUSED,  true",
    "ACTIVE,  STOPPED, true",
    "ACTIVE,  INVITED, false",
    "ACTIVE,  ACTIVE,  false",
    "PAUSED,  ACTIVE,  true",
    "PAUSED,  STOPPED, true",
    "PAUSED,  INVITED, false",
    "STOPPED, ACTIVE,  true",
    "STOPPED, PAUSED,  false",
    "STOPPED, INVITED, false",
  })
  void onlyTheLifecycleTransitionsAreAllowed(MemberStatus from, MemberStatus to, boolean allowed) {
    assertThat(from.canBecome(to)).isEqualTo(allowed);
    if (allowed) {
      assertThat(from.to(to)).isEqualTo(to);
    } else {
      assertThatThrownBy(() -> from.to(to)).isInstanceOf(IllegalStateException.class);
    }
  }
}
