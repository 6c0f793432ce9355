package org.peerloop.bot.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerloop.bot.testing.AdminClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Without the operator's token every admin endpoint answers 401; the simulator stays open. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"peerloop.store.memory=true", "peerloop.admin-token=" + AdminClient.TOKEN})
class AdminAuthTest {

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();

  static Stream<Arguments> pinned() {
    String p = "/api/v1/partnerships";
    return Stream.of(
        Arguments.of("POST", p),
        Arguments.of("GET", p + "/demo"),
        Arguments.of("PATCH", p + "/demo"),
        Arguments.of("PUT", p + "/demo/ladder"),
        Arguments.of("POST", p + "/demo/invites"),
        Arguments.of("POST", p + "/demo/members/import"),
        Arguments.of("GET", p + "/demo/members"),
        Arguments.of("GET", "/api/v1/no-such-thing"),
        Arguments.of("GET", "/api/v1"));
  }

  static HttpResponse<String> send(
      HttpClient http, int port, String method, String path, String authorization)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                method.equals("GET")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString("{}"));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static void assert401(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(r.body()).startsWith("{\"error\":\"");
  }

  @ParameterizedTest
  @MethodSource("pinned")
  void withoutATokenIs401(String method, String path) throws Exception {
    HttpResponse<String> r = send(http, port, method, path, null);

    assert401(r);
    assertThat(r.body()).contains("Authorization: Bearer");
  }

  @ParameterizedTest
  @MethodSource("pinned")
  void withAWrongTokenIs401(String method, String path) throws Exception {
    assert401(send(http, port, method, path, "Bearer not-the-admin-token-at-all"));
    assert401(send(http, port, method, path, "Basic " + AdminClient.TOKEN));
    assert401(send(http, port, method, path, "Bearer " + AdminClient.TOKEN + "x"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/sim/../partnerships/demo",
        "/api/v1/sim/%2e%2e/partnerships/demo",
        "/api/v1//partnerships/demo",
        "/API/v1/partnerships/demo",
        "/api/v1/partnerships;x=1/demo",
        "/api/v1/partnerships/demo;jsessionid=1",
        "//api/v1/partnerships/demo",
      })
  void noSpellingOfAnAdminPathGetsThroughWithoutAToken(String path) throws Exception {
    HttpResponse<String> r = send(http, port, "GET", path, null);

    assertThat(r.statusCode()).as(path + " → " + r.body()).isIn(400, 401, 404);
    assertThat(r.body()).doesNotContain("Kijani");
  }

  @Test
  void theTokenOpensIt() throws Exception {
    HttpResponse<String> r =
        send(http, port, "GET", "/api/v1/partnerships/demo", "Bearer " + AdminClient.TOKEN);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Kijani");
  }

  @Test
  void theSimulatorAndHealthNeedNoToken() throws Exception {
    assertThat(send(http, port, "GET", "/api/v1/sim", null).statusCode()).isEqualTo(200);
    assertThat(
            send(http, port, "GET", "/api/v1/sim/auth-test/messages?after=0&wait=0", null)
                .statusCode())
        .isEqualTo(200);
    assertThat(send(http, port, "GET", "/actuator/health", null).statusCode()).isEqualTo(200);
    assertThat(send(http, port, "GET", "/v3/api-docs", null).statusCode()).isEqualTo(200);
  }
}
