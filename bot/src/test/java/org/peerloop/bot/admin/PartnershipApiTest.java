package org.peerloop.bot.admin;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerloop.bot.testing.AdminClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/** The pinned partnership endpoints over real HTTP: create, read, change, ladder, bad input. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"peerloop.store.memory=true", "peerloop.admin-token=" + AdminClient.TOKEN})
class PartnershipApiTest {

  private static final AtomicInteger N = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired MongoTemplate mongo;
  private AdminClient admin;

  @BeforeEach
  void client() {
    admin = new AdminClient(port);
  }

  static String slug() {
    return "p-" + N.incrementAndGet() + "-" + (System.nanoTime() % 100_000);
  }

  static String body(String slug, String zone) {
    return """
        {"slug": "%s", "name": "Kisumu and Makueni", "timezone": "%s", "language": "en",
         "organisations": [{"slug": "kisumu", "name": "Kisumu County"},
                           {"slug": "makueni", "name": "Makueni County"}],
         "objectives": ["Share what works"], "outcomeChallenge": "Slow approvals"}
        """
        .formatted(slug, zone);
  }

  static String create(AdminClient admin) throws Exception {
    String slug = slug();
    HttpResponse<String> r = admin.post("/api/v1/partnerships", body(slug, "Africa/Nairobi"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return slug;
  }

  @Test
  void aPartnershipIsCreatedReadAndStored() throws Exception {
    String slug = slug();
    HttpResponse<String> created = admin.post("/api/v1/partnerships", body(slug, "Africa/Nairobi"));

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/partnerships/" + slug);
    JsonNode got = AdminClient.json(admin.get("/api/v1/partnerships/" + slug));
    assertThat(got.get("slug").asString()).isEqualTo(slug);
    assertThat(got.get("timezone").asString()).isEqualTo("Africa/Nairobi");
    assertThat(got.get("organisations").get(1).get("name").asString()).isEqualTo("Makueni County");
    assertThat(got.get("objectives").get(0).asString()).isEqualTo("Share what works");
    assertThat(got.get("ladder").size()).isZero();

    Document stored = mongo.getCollection("partnerships").find(eq("_id", slug)).first();
    assertThat(stored.getString("name")).isEqualTo("Kisumu and Makueni");
    assertThat(stored.getString("language")).isEqualTo("en");
  }

  @Test
  void aTakenSlugIs409() throws Exception {
    String slug = create(admin);

    HttpResponse<String> again = admin.post("/api/v1/partnerships", body(slug, "Africa/Nairobi"));

    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(AdminClient.json(again).get("error").asString()).contains(slug);
  }

  @Test
  void aTimeZoneThatDoesNotExistIs400NamingTheField() throws Exception {
    HttpResponse<String> r = admin.post("/api/v1/partnerships", body(slug(), "Africa/Atlantis"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(AdminClient.json(r).get("error").asString())
        .contains("timezone")
        .contains("Africa/Atlantis");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "{\"slug\": ",
        "[1, 2]",
        "",
        "{\"slug\": {\"$ne\": 1}}",
        "{\"organisations\": \"kisumu\"}",
      })
  void invalidJsonIs400WithAnError(String body) throws Exception {
    HttpResponse<String> r = admin.post("/api/v1/partnerships", body);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .startsWith("{\"error\":\"")
        .doesNotContain("Exception")
        .doesNotContain("at org.");
  }

  @Test
  void everyProblemOfABodyIsNamed() throws Exception {
    HttpResponse<String> r =
        admin.post(
            "/api/v1/partnerships",
            """
            {"slug": "Bad Slug", "name": "", "timezone": "UTC+3", "language": "de",
             "organisations": [{"slug": "a", "name": "A"}, {"slug": "a", "name": "B"}]}
            """);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(AdminClient.json(r).get("error").asString())
        .contains("slug")
        .contains("name is missing")
        .contains("timezone")
        .contains("language \"de\"")
        .contains("organisations[1].slug \"a\" is used twice");
  }

  @Test
  void oneOrganisationIsNotAPartnership() throws Exception {
    HttpResponse<String> r =
        admin.post(
            "/api/v1/partnerships",
            """
            {"slug": "%s", "name": "Solo", "timezone": "Africa/Nairobi", "language": "sw",
             "organisations": [{"slug": "a", "name": "A"}]}
            """
                .formatted(slug()));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("two or more");
  }

  @Test
  void anUnknownPartnershipIs404() throws Exception {
    assertThat(admin.get("/api/v1/partnerships/nobody-here").statusCode()).isEqualTo(404);
    assertThat(admin.patch("/api/v1/partnerships/nobody-here", "{\"name\": \"x\"}").statusCode())
        .isEqualTo(404);
    assertThat(admin.put("/api/v1/partnerships/nobody-here/ladder", "[]").statusCode())
        .isEqualTo(404);
    HttpResponse<String> r = admin.get("/api/v1/partnerships/nobody-here");
    assertThat(AdminClient.json(r).get("error").asString()).contains("nobody-here");
  }

  @Test
  void patchRenamesMovesTheZoneAndAddsAnOrganisation() throws Exception {
    String slug = create(admin);

    HttpResponse<String> r =
        admin.patch(
            "/api/v1/partnerships/" + slug,
            """
            {"name": "Renamed", "timezone": "Europe/Paris", "language": "fr",
             "organisations": [{"slug": "kisumu", "name": "Kisumu County Government"},
                               {"slug": "makueni", "name": "Makueni County"},
                               {"slug": "nakuru", "name": "Nakuru County"}],
             "outcomeChallenge": ""}
            """);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode got = AdminClient.json(admin.get("/api/v1/partnerships/" + slug));
    assertThat(got.get("name").asString()).isEqualTo("Renamed");
    assertThat(got.get("timezone").asString()).isEqualTo("Europe/Paris");
    assertThat(got.get("language").asString()).isEqualTo("fr");
    assertThat(got.get("organisations").size()).isEqualTo(3);
    assertThat(got.get("organisations").get(0).get("name").asString())
        .isEqualTo("Kisumu County Government");
    assertThat(got.get("outcomeChallenge").isNull()).isTrue();
    assertThat(got.get("objectives").get(0).asString()).isEqualTo("Share what works");
  }

  @Test
  void patchRefusesABadZoneAndAnEmptyChange() throws Exception {
    String slug = create(admin);

    HttpResponse<String> zone =
        admin.patch("/api/v1/partnerships/" + slug, "{\"timezone\": \"Mars/Olympus\"}");
    HttpResponse<String> nothing = admin.patch("/api/v1/partnerships/" + slug, "{}");

    assertThat(zone.statusCode()).isEqualTo(400);
    assertThat(zone.body()).contains("timezone");
    assertThat(nothing.statusCode()).isEqualTo(400);
    assertThat(
            AdminClient.json(admin.get("/api/v1/partnerships/" + slug)).get("timezone").asString())
        .isEqualTo("Africa/Nairobi");
  }

  @Test
  void removingAnOrganisationWithMembersIs409AndWithoutIsFine() throws Exception {
    String slug = create(admin);
    admin.patch(
        "/api/v1/partnerships/" + slug,
        """
        {"organisations": [{"slug": "kisumu", "name": "Kisumu County"},
                           {"slug": "makueni", "name": "Makueni County"},
                           {"slug": "nakuru", "name": "Nakuru County"}]}
        """);
    HttpResponse<String> imported =
        admin.postCsv(
            "/api/v1/partnerships/" + slug + "/members/import",
            "Amina Otieno,kisumu,peer,+1" + (100_000_000L + N.incrementAndGet()) + ",en\n");
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);

    HttpResponse<String> dropKisumu =
        admin.patch(
            "/api/v1/partnerships/" + slug,
            """
            {"organisations": [{"slug": "makueni", "name": "Makueni County"},
                               {"slug": "nakuru", "name": "Nakuru County"}]}
            """);
    HttpResponse<String> dropNakuru =
        admin.patch(
            "/api/v1/partnerships/" + slug,
            """
            {"organisations": [{"slug": "kisumu", "name": "Kisumu County"},
                               {"slug": "makueni", "name": "Makueni County"}]}
            """);

    assertThat(dropKisumu.statusCode()).isEqualTo(409);
    assertThat(AdminClient.json(dropKisumu).get("error").asString()).contains("kisumu");
    assertThat(dropNakuru.statusCode()).as(dropNakuru.body()).isEqualTo(200);
    assertThat(AdminClient.json(dropNakuru).get("organisations").size()).isEqualTo(2);
  }

  @Test
  void removingAnOrganisationWithAUsableInviteIs409() throws Exception {
    String slug = create(admin);
    admin.patch(
        "/api/v1/partnerships/" + slug,
        """
        {"organisations": [{"slug": "kisumu", "name": "Kisumu County"},
                           {"slug": "makueni", "name": "Makueni County"},
                           {"slug": "nakuru", "name": "Nakuru County"}]}
        """);
    admin.post("/api/v1/partnerships/" + slug + "/invites", "{\"organisation\": \"nakuru\"}");

    HttpResponse<String> r =
        admin.patch(
            "/api/v1/partnerships/" + slug,
            """
            {"organisations": [{"slug": "kisumu", "name": "Kisumu County"},
                               {"slug": "makueni", "name": "Makueni County"}]}
            """);

    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(r.body()).contains("invite");
  }

  @Test
  void theLadderIsReplacedByTheItems() throws Exception {
    String slug = create(admin);

    HttpResponse<String> r =
        admin.put(
            "/api/v1/partnerships/" + slug + "/ladder",
            """
            [{"id": "meet-monthly", "tier": "expect", "text": "Teams meet monthly",
              "stakeholders": "planning officers", "owner": "both", "tracked": true},
             {"id": "checklist", "tier": "LIKE", "text": "Kisumu uses the checklist",
              "owner": "kisumu"}]
            """);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode ladder = AdminClient.json(admin.get("/api/v1/partnerships/" + slug)).get("ladder");
    assertThat(ladder.size()).isEqualTo(2);
    assertThat(ladder.get(0).get("tier").asString()).isEqualTo("expect");
    assertThat(ladder.get(0).get("tracked").asBoolean()).isTrue();
    assertThat(ladder.get(1).get("tier").asString()).isEqualTo("like");
    assertThat(ladder.get(1).get("tracked").asBoolean()).isFalse();
    Document stored = mongo.getCollection("partnerships").find(eq("_id", slug)).first();
    assertThat(stored.getList("ladder", Document.class)).hasSize(2);

    HttpResponse<String> emptied = admin.put("/api/v1/partnerships/" + slug + "/ladder", "[]");
    assertThat(emptied.statusCode()).isEqualTo(200);
    assertThat(AdminClient.json(emptied).get("ladder").size()).isZero();
  }

  @Test
  void aBadLadderIs400AndChangesNothing() throws Exception {
    String slug = create(admin);
    admin.put(
        "/api/v1/partnerships/" + slug + "/ladder",
        "[{\"id\": \"keep\", \"tier\": \"love\", \"text\": \"Kept\", \"owner\": \"both\"}]");

    HttpResponse<String> tier =
        admin.put(
            "/api/v1/partnerships/" + slug + "/ladder",
            "[{\"id\": \"x\", \"tier\": \"adore\", \"text\": \"t\", \"owner\": \"both\"}]");
    HttpResponse<String> owner =
        admin.put(
            "/api/v1/partnerships/" + slug + "/ladder",
            "[{\"id\": \"x\", \"tier\": \"like\", \"text\": \"t\", \"owner\": \"nairobi\"}]");
    HttpResponse<String> twice =
        admin.put(
            "/api/v1/partnerships/" + slug + "/ladder",
            "[{\"id\": \"x\", \"tier\": \"like\", \"text\": \"t\", \"owner\": \"both\"},"
                + "{\"id\": \"x\", \"tier\": \"love\", \"text\": \"u\", \"owner\": \"both\"}]");
    HttpResponse<String> notArray =
        admin.put("/api/v1/partnerships/" + slug + "/ladder", "{\"id\": \"x\"}");
    HttpResponse<String> wrongType =
        admin.put("/api/v1/partnerships/" + slug + "/ladder", "[{\"tracked\": \"maybe\"}]");

    assertThat(tier.statusCode()).isEqualTo(400);
    assertThat(tier.body()).contains("items[0].tier");
    assertThat(owner.statusCode()).isEqualTo(400);
    assertThat(owner.body()).contains("owner");
    assertThat(twice.statusCode()).isEqualTo(400);
    assertThat(twice.body()).contains("twice");
    assertThat(notArray.statusCode()).isEqualTo(400);
    assertThat(wrongType.statusCode()).isEqualTo(400);
    JsonNode ladder = AdminClient.json(admin.get("/api/v1/partnerships/" + slug)).get("ladder");
    assertThat(ladder.size()).isEqualTo(1);
    assertThat(ladder.get(0).get("id").asString()).isEqualTo("keep");
  }
}
