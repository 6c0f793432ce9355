package org.peerloop.bot.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

/** {@code PEERLOOP_DEMO=false}: no demo partnership, no codes, nothing offered on the page. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"peerloop.store.memory=true", "peerloop.demo=false"})
class DemoOffTest {

  @LocalServerPort int port;
  @Autowired MongoTemplate mongo;

  @Test
  void nothingIsSeededAndNothingOffered() throws Exception {
    assertThat(mongo.getCollection("partnerships").countDocuments()).isZero();
    assertThat(mongo.getCollection("invites").countDocuments()).isZero();

    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/sim"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"demo\":null}");
  }
}
