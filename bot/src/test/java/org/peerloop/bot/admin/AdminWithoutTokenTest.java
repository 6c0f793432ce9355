package org.peerloop.bot.admin;

import java.net.http.HttpClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With no PEERLOOP_ADMIN_TOKEN configured, nobody is the operator: 401 to everything. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"peerloop.store.memory=true", "peerloop.admin-token="})
class AdminWithoutTokenTest {

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> pinned() {
    return AdminAuthTest.pinned();
  }

  @ParameterizedTest
  @MethodSource("pinned")
  void everyAdminRequestIs401WhateverItBears(String method, String path) throws Exception {
    AdminAuthTest.assert401(AdminAuthTest.send(http, port, method, path, null));
    AdminAuthTest.assert401(AdminAuthTest.send(http, port, method, path, "Bearer "));
    AdminAuthTest.assert401(AdminAuthTest.send(http, port, method, path, "Bearer null"));
    AdminAuthTest.assert401(
        AdminAuthTest.send(http, port, method, path, "Bearer test-admin-token-0123456789"));
  }
}
