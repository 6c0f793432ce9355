package org.peerloop.bot.channel.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"peerloop.store.memory=true", "peerloop.simulator=false"})
class SimulatorOffTest {

  @LocalServerPort int port;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/index.html",
        "/api/v1/sim/amina/messages",
        "/api/v1/sim/amina/files/AAAAAAAAAAAAAAAAAAAAAA",
        "/api/v1/sim"
      })
  void thePageAndTheApiAreNotThere(String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(404);
  }
}
