package org.peerloop.bot.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerloop.bot.conversation.ConversationService;
import org.peerloop.bot.people.InviteStore;
import org.peerloop.bot.people.Role;
import org.peerloop.bot.testing.AdminClient;
import org.peerloop.bot.testing.ChatPerson;
import org.peerloop.bot.testing.Phone;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/**
 * The schedule API over HTTP with the Quartz jobs running for real (a short poll): bad schedules
 * are refused with a sentence saying what to change, a good one is stored and shows its next
 * nudges, and a nudge sent now reaches a member without anyone driving the scheduler by hand.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "peerloop.store.memory=true",
      "peerloop.admin-token=" + AdminClient.TOKEN,
      "peerloop.scheduler.jobs=true",
      "peerloop.scheduler.poll=PT0.2S"
    })
class ScheduleApiTest {

  @TestConfiguration
  static class Fakes {
    @Bean
    Phone phone() {
      return new Phone();
    }
  }

  @LocalServerPort int port;
  @Autowired ConversationService service;
  @Autowired InviteStore invites;
  @Autowired Phone phone;
  @Autowired Clock clock;

  private String slug;
  private AdminClient admin;

  @BeforeEach
  void aPartnership() throws Exception {
    admin = new AdminClient(port);
    slug = "sched-" + (System.nanoTime() % 1_000_000);
    HttpResponse<String> created =
        admin.post(
            "/api/v1/partnerships",
            """
            {"slug": "%s", "name": "Kisumu and Makueni", "timezone": "Africa/Nairobi",
             "language": "en",
             "organisations": [{"slug": "kisumu", "name": "Kisumu County"},
                               {"slug": "makueni", "name": "Makueni County"}]}
            """
                .formatted(slug));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  private HttpResponse<String> put(String json) throws Exception {
    return admin.put("/api/v1/partnerships/" + slug + "/schedule", json);
  }

  @Test
  void aScheduleThatCannotWorkIsRefusedWithWhatToChange() throws Exception {
    assertRefused(
        "{\"cadences\": [{\"flow\": \"checkin\", \"cron\": \"0 */5 * * * ?\"}]}",
        "more than once a day");
    assertRefused(
        "{\"cadences\": [{\"flow\": \"checkin\", \"cron\": \"0 0 9 30 2 ?\"}]}", "never fires");
    assertRefused("{\"timezone\": \"Mars/Olympus\"}", "is not a time zone");
    assertRefused(
        "{\"cadences\": [{\"flow\": \"health\", \"every\": \"week\", \"day\": \"monday\"}]}",
        "at most once a month");
    assertRefused(
        "{\"cadences\": [{\"flow\": \"checkin\", \"every\": \"fortnight\"}]}", "is not a cadence");
    assertRefused(
        "{\"quietHours\": {\"from\": \"25:00\", \"to\": \"07:00\"}}", "a time like 09:00");
    assertThat(admin.put("/api/v1/partnerships/nowhere/schedule", "{}").statusCode())
        .isEqualTo(404);
    assertThat(
            new AdminClient(port, "wrong-token-0123456789")
                .get("/api/v1/partnerships/" + slug + "/schedule")
                .statusCode())
        .isEqualTo(401);

    // nothing refused was stored: the defaults still stand
    var view = AdminClient.json(admin.get("/api/v1/partnerships/" + slug + "/schedule"));
    assertThat(view.get("cadences").size()).isEqualTo(3);
    assertThat(view.get("quietHours").get("from").asText()).isEqualTo("20:00");
  }

  private void assertRefused(String body, String words) throws Exception {
    HttpResponse<String> r = put(body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(AdminClient.json(r).get("error").asText()).contains(words);
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("at org.");
  }

  @Test
  void aGoodScheduleIsStoredAndShowsItsNextNudges() throws Exception {
    HttpResponse<String> r =
        put(
            """
            {"quietHours": {"from": "21:00", "to": "06:30"},
             "cadences": [{"flow": "checkin", "every": "2 weeks", "day": "wednesday",
                           "time": "08:15", "from": "2026-12-02"},
                          {"flow": "reflect", "cron": "0 0 10 1W 1,4,7,10 ?"}]}
            """);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    var view = AdminClient.json(admin.get("/api/v1/partnerships/" + slug + "/schedule"));
    assertThat(view.get("quietHours").get("to").asText()).isEqualTo("06:30");
    assertThat(view.get("cadences").get(0).get("description").asText())
        .isEqualTo("every 2 weeks on wednesday at 08:15");
    assertThat(view.get("next").get(0).get("flow").asText()).isEqualTo("checkin");
    assertThat(view.get("next").get(0).get("occurrence").asText()).endsWith("T08:15");
    assertThat(view.get("next").size()).isEqualTo(2); // health is no longer scheduled
  }

  @Test
  void aNudgeSentNowReachesTheMemberThroughTheRunningJobs() throws Exception {
    Instant now = clock.instant();
    String code = invites.create(slug, "makueni", Role.PEER, 5, null, null, now).code();
    ChatPerson peer =
        new ChatPerson(
            service,
            () -> phone.sent,
            clock,
            "phone",
            30_000_000L + (System.nanoTime() % 1_000_000));
    peer.join(code, "Mwende");

    HttpResponse<String> bad =
        admin.post("/api/v1/partnerships/" + slug + "/nudges", "{\"flow\": \"weather\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    HttpResponse<String> noOrg =
        admin.post(
            "/api/v1/partnerships/" + slug + "/nudges",
            "{\"flow\": \"checkin\", \"organisation\": \"atlantis\"}");
    assertThat(noOrg.statusCode()).isEqualTo(400);
    HttpResponse<String> none =
        admin.post(
            "/api/v1/partnerships/" + slug + "/nudges",
            "{\"flow\": \"checkin\", \"organisation\": \"kisumu\"}");
    assertThat(AdminClient.json(none).get("queued").asInt()).isZero();

    // The real clock drives the Quartz job here: no quiet hours, so it goes at any hour.
    assertThat(put("{\"quietHours\": {\"from\": \"00:00\", \"to\": \"00:00\"}}").statusCode())
        .isEqualTo(200);
    HttpResponse<String> sent =
        admin.post(
            "/api/v1/partnerships/" + slug + "/nudges",
            "{\"flow\": \"checkin\", \"organisation\": \"makueni\"}");
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
    assertThat(AdminClient.json(sent).get("queued").asInt()).isEqualTo(1);
    // Due work is kept by the minute: work due now goes in the next minute's bucket.
    peer.await("weekly check-in", java.time.Duration.ofSeconds(75));
  }
}
