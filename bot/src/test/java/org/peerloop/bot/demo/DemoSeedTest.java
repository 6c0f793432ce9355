package org.peerloop.bot.demo;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.peerloop.bot.testing.AdminClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/** On the embedded store the demo is on by default: the partnership and both codes are there. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "peerloop.store.memory=true")
class DemoSeedTest {

  @LocalServerPort int port;
  @Autowired MongoTemplate mongo;

  @Test
  void theDemoPartnershipAndBothCodesExistAfterStart() {
    Document p = mongo.getCollection("partnerships").find(eq("_id", "demo")).first();
    assertThat(p).isNotNull();
    assertThat(p.getString("timezone")).isEqualTo("Africa/Nairobi");
    assertThat(p.getString("language")).isEqualTo("en");
    assertThat(p.getList("organisations", Document.class)).hasSize(2);
    assertThat(p.getList("objectives", String.class)).isNotEmpty();
    assertThat(p.getList("ladder", Document.class)).isNotEmpty();

    Document peer = mongo.getCollection("invites").find(eq("_id", "DEMO0000")).first();
    Document facilitator = mongo.getCollection("invites").find(eq("_id", "DEMOFAC0")).first();
    assertThat(peer.getString("role")).isEqualTo("peer");
    assertThat(facilitator.getString("role")).isEqualTo("facilitator");
    for (Document code : List.of(peer, facilitator)) {
      assertThat(code.getString("partnership")).isEqualTo("demo");
      assertThat(code.getInteger("maxUses")).isGreaterThanOrEqualTo(100_000);
      assertThat(code.get("expiresAt")).isNull();
      assertThat(code.getString("memberId")).isNull();
    }
  }

  @Test
  void theSimulatorOffersBothCodes() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/sim"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode demo = AdminClient.json(r).get("demo");
    assertThat(demo.get("partnership").asString()).isEqualTo("demo");
    JsonNode codes = demo.get("codes");
    assertThat(codes.get(0).get("code").asString()).isEqualTo("DEMO0000");
    assertThat(codes.get(0).get("role").asString()).isEqualTo("peer");
    assertThat(codes.get(0).get("text").asString()).isEqualTo("join DEMO0000");
    assertThat(codes.get(1).get("code").asString()).isEqualTo("DEMOFAC0");
    assertThat(codes.get(1).get("role").asString()).isEqualTo("facilitator");
  }
}
