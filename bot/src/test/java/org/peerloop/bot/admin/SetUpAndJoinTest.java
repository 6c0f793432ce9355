package org.peerloop.bot.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.peerloop.bot.testing.AdminClient;
import org.peerloop.bot.testing.SimClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The whole path an operator and their people take: a partnership set up only through the admin API
 * and a CSV, then an imported peer and a facilitator joining in the simulator with their codes and
 * consenting; the member list shows them active.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "peerloop.store.memory=true",
      "peerloop.demo=false",
      "peerloop.admin-token=" + AdminClient.TOKEN
    })
class SetUpAndJoinTest {

  @LocalServerPort int port;

  @Test
  void aPartnershipSetUpThroughTheApiIsJoinedWithCodes() throws Exception {
    AdminClient admin = new AdminClient(port);
    assertThat(
            admin
                .post(
                    "/api/v1/partnerships",
                    """
                    {"slug": "lake-hill", "name": "Lake and Hill", "timezone": "Africa/Nairobi",
                     "language": "en",
                     "organisations": [{"slug": "lake", "name": "Lake County"},
                                       {"slug": "hill", "name": "Hill County"}]}
                    """)
                .statusCode())
        .isEqualTo(201);
    String code =
        AdminClient.json(
                admin.post(
                    "/api/v1/partnerships/lake-hill/invites",
                    "{\"organisation\": \"hill\", \"role\": \"facilitator\", \"maxUses\": 1}"))
            .path("code")
            .asText();
    JsonNode report =
        AdminClient.json(
            admin.postCsv(
                "/api/v1/partnerships/lake-hill/members/import",
                "name,organisation,role,phone,language\nAmina,lake,peer,+254700111222,en\n"));
    assertThat(report.path("imported").asInt()).isEqualTo(1);
    String personal = report.path("invites").get(0).path("code").asText();

    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + port;
    join(new SimClient(http, base, "amina"), personal, "Amina O.");
    join(new SimClient(http, base, "hassan"), code, "Hassan");

    JsonNode members = AdminClient.json(admin.get("/api/v1/partnerships/lake-hill/members"));
    assertThat(members.toString())
        .contains("Amina O.")
        .contains("Hassan")
        .doesNotContain("\"status\":\"invited\"")
        .doesNotContain("+254700111222");
  }

  private static void join(SimClient sim, String code, String name) throws Exception {
    Duration within = Duration.ofSeconds(10);
    sim.say("join " + code, null);
    sim.awaitBot("Which language", within);
    sim.tap("welcome.language:en", null);
    sim.awaitBot("what name", within);
    sim.say(name, null);
    sim.awaitBot("Is that right?", within);
    sim.tap("join.organisation:yes", null);
    sim.awaitBot("time zone", within);
    sim.tap("join.timezone:yes", null);
    sim.awaitBot("go ahead", within);
    sim.tap("join.agree:yes", null);
    sim.awaitBot("Welcome aboard, " + name, within);
  }
}
