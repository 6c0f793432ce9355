package org.peerloop.bot.admin;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.peerloop.bot.testing.AdminClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

/** {@code POST /api/v1/admin/rollups/rebuild}: recomputes counters from raw answers, admin only. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"peerloop.store.memory=true", "peerloop.admin-token=" + AdminClient.TOKEN})
class RollupsApiTest {

  @LocalServerPort int port;
  @Autowired MongoTemplate mongo;

  @Test
  void aRebuildRecountsFromRawAnswersAndDropsWhatNoAnswerSupports() throws Exception {
    mongo
        .getCollection("health_answers")
        .insertOne(
            new Document("_id", "a1")
                .append("partnership", "rb")
                .append("organisation", "kisumu")
                .append("period", "2026-11")
                .append("scores", new Document("trust", 6).append("motivation", 9))
                .append("comments", List.of()));
    // a counter some past bug left wrong, and one no record supports
    mongo
        .getCollection("rollups")
        .insertOne(new Document("_id", "health|rb|2026-11|trust|kisumu").append("count", 5L));
    mongo.getCollection("rollups").insertOne(new Document("_id", "stray|rb").append("count", 1L));

    assertThat(
            new AdminClient(port, "wrong-token-0123456789")
                .post("/api/v1/admin/rollups/rebuild", "{}")
                .statusCode())
        .isEqualTo(401);
    HttpResponse<String> r = new AdminClient(port).post("/api/v1/admin/rollups/rebuild", "{}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(AdminClient.json(r).get("rollups").asInt()).isGreaterThanOrEqualTo(3);
    Document trust =
        mongo.getCollection("rollups").find(eq("_id", "health|rb|2026-11|trust|kisumu")).first();
    assertThat(((Number) trust.get("count")).longValue()).isEqualTo(1);
    assertThat(((Number) trust.get("sum")).longValue()).isEqualTo(6);
    assertThat(mongo.getCollection("rollups").find(eq("_id", "stray|rb")).first()).isNull();
  }
}
