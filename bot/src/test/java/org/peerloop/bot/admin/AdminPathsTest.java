package org.peerloop.bot.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdminPathsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1",
        "/api/v1/",
        "/api/v1/partnerships",
        "/api/v1/partnerships/demo/members",
        "/API/V1/partnerships",
        "//api//v1//partnerships",
        "/api/v1;x=y/partnerships",
        "/api/%761/partnerships",
        "/api/v1/sim/../partnerships",
        "/api/v1/sim/..;/partnerships",
        "/api/v1/sim%2F..%2Fpartnerships",
        "/api/v1/sim/./../partnerships",
        "/api/v1/%zz",
        "/api/v1/simulator",
      })
  void adminPaths(String path) {
    assertThat(AdminPaths.needsAdmin(path)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/index.html",
        "/actuator/health",
        "/v3/api-docs",
        "/webhooks/telegram",
        "/api/v1/sim",
        "/api/v1/sim/",
        "/api/v1/sim/amina/messages",
        "/api/v1/sim/%2e%2e/messages", // one segment to the router: the simulator answers 400
        "/api/v2/partnerships",
        "/api/v10",
      })
  void otherPaths(String path) {
    assertThat(AdminPaths.needsAdmin(path)).isFalse();
  }
}
