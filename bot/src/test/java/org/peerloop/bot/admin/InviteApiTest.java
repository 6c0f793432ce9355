package org.peerloop.bot.admin;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerloop.bot.testing.AdminClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/partnerships/{slug}/invites}: codes, defaults, and what bad input gets. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"peerloop.store.memory=true", "peerloop.admin-token=" + AdminClient.TOKEN})
class InviteApiTest {

  @LocalServerPort int port;
  @Autowired MongoTemplate mongo;
  private AdminClient admin;
  private String slug;

  @BeforeEach
  void partnership() throws Exception {
    admin = new AdminClient(port);
    slug = PartnershipApiTest.create(admin);
  }

  private HttpResponse<String> invite(String body) throws Exception {
    return admin.post("/api/v1/partnerships/" + slug + "/invites", body);
  }

  @Test
  void anInviteHasACodeAndNoTelegramLinkWhileTelegramIsOff() throws Exception {
    String expires =
        Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    HttpResponse<String> r =
        invite(
            """
            {"organisation": "kisumu", "role": "facilitator", "maxUses": 12, "expiresAt": "%s"}
            """
                .formatted(expires));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode got = AdminClient.json(r);
    String code = got.get("code").asString();
    assertThat(code).matches("[A-HJ-NP-Z2-9]{8}");
    assertThat(got.has("telegramLink")).isTrue();
    assertThat(got.get("telegramLink").isNull()).isTrue();
    assertThat(got.get("role").asString()).isEqualTo("facilitator");
    assertThat(got.get("expiresAt").asString()).isEqualTo(expires);

    Document stored = mongo.getCollection("invites").find(eq("_id", code)).first();
    assertThat(stored.getString("partnership")).isEqualTo(slug);
    assertThat(stored.getString("organisation")).isEqualTo("kisumu");
    assertThat(stored.getString("role")).isEqualTo("facilitator");
    assertThat(stored.getInteger("maxUses")).isEqualTo(12);
    assertThat(stored.getDate("expiresAt").toInstant()).isEqualTo(Instant.parse(expires));
    assertThat(stored.getString("memberId")).isNull();
  }

  @Test
  void aPeerCodeForFiftyPeopleThatNeverExpiresByDefault() throws Exception {
    HttpResponse<String> r = invite("{\"organisation\": \"makueni\"}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode got = AdminClient.json(r);
    assertThat(got.get("role").asString()).isEqualTo("peer");
    assertThat(got.get("maxUses").asInt()).isEqualTo(InviteRules.DEFAULT_MAX_USES);
    assertThat(got.get("expiresAt").isNull()).isTrue();
  }

  @Test
  void badInvitesAre400NamingTheField() throws Exception {
    HttpResponse<String> org = invite("{\"organisation\": \"nairobi\", \"role\": \"peer\"}");
    HttpResponse<String> missingOrg = invite("{\"role\": \"peer\"}");
    HttpResponse<String> role = invite("{\"organisation\": \"kisumu\", \"role\": \"boss\"}");
    HttpResponse<String> uses = invite("{\"organisation\": \"kisumu\", \"maxUses\": 0}");
    HttpResponse<String> usesType = invite("{\"organisation\": \"kisumu\", \"maxUses\": \"many\"}");
    HttpResponse<String> past =
        invite("{\"organisation\": \"kisumu\", \"expiresAt\": \"2001-01-01T00:00:00Z\"}");
    HttpResponse<String> notADate =
        invite("{\"organisation\": \"kisumu\", \"expiresAt\": \"next friday\"}");
    HttpResponse<String> notJson = invite("organisation=kisumu");

    assertThat(org.statusCode()).isEqualTo(400);
    assertThat(org.body()).contains("organisation").contains("nairobi");
    assertThat(missingOrg.statusCode()).isEqualTo(400);
    assertThat(role.statusCode()).isEqualTo(400);
    assertThat(role.body()).contains("role");
    assertThat(uses.statusCode()).isEqualTo(400);
    assertThat(uses.body()).contains("maxUses");
    assertThat(usesType.statusCode()).isEqualTo(400);
    assertThat(usesType.body()).contains("maxUses");
    assertThat(past.statusCode()).isEqualTo(400);
    assertThat(past.body()).contains("expiresAt").contains("future");
    assertThat(notADate.statusCode()).isEqualTo(400);
    assertThat(notADate.body()).contains("ISO-8601");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).startsWith("{\"error\":");
  }

  @Test
  void anInviteForAnUnknownPartnershipIs404() throws Exception {
    HttpResponse<String> r =
        admin.post("/api/v1/partnerships/nobody-here/invites", "{\"organisation\": \"kisumu\"}");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).startsWith("{\"error\":");
  }
}
