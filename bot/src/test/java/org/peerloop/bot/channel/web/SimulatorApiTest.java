package org.peerloop.bot.channel.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerloop.bot.testing.SimClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The pinned simulator API over real HTTP, including what bad input gets. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"peerloop.store.memory=true", "peerloop.contacts.self-enrolling=web"})
class SimulatorApiTest {

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private SimClient person;
  private String name;

  @BeforeEach
  void newPerson() {
    name = "p" + System.nanoTime();
    person = new SimClient(http, "http://127.0.0.1:" + port, name);
  }

  private void consentAndStartCheckin() throws Exception {
    person.say("hi", "1");
    person.awaitBot("Is that OK", Duration.ofSeconds(5));
    person.tap("consent.agree:yes", "2");
    person.awaitBot("/checkin", Duration.ofSeconds(5));
    person.say("/checkin", "3");
    person.awaitBot("how far", Duration.ofSeconds(5));
  }

  @Test
  void aMessageIsAcceptedAndTheTranscriptShowsBothSides() throws Exception {
    HttpResponse<String> accepted = person.say("hello", "a");

    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(accepted.body()).isEqualTo("{\"accepted\":true}");
    List<SimClient.Message> messages = person.poll(2);
    assertThat(messages.get(0).from()).isEqualTo("user");
    assertThat(messages.get(0).text()).isEqualTo("hello");
    assertThat(messages.get(0).seq()).isEqualTo(1);
    SimClient.Message question = person.awaitBot("Is that OK", Duration.ofSeconds(5));
    assertThat(question.labels()).containsExactly("Yes", "No");
    assertThat(question.payloads()).containsExactly("consent.agree:yes", "consent.agree:no");
  }

  @Test
  void aTapShowsTheButtonLabelAndMovesTheFlowOn() throws Exception {
    consentAndStartCheckin();
    person.tap("checkin.progress:9", "4");

    List<SimClient.Message> after = person.poll(2);
    assertThat(after.get(0).from()).isEqualTo("user");
    assertThat(after.get(0).text()).isEqualTo("9");
    person.awaitBot("talk with", Duration.ofSeconds(5));
  }

  @Test
  void aRetriedPostWithTheSameIdIsHandledOnce() throws Exception {
    person.say("hello", "same");
    person.say("hello", "same");
    person.awaitBot("Is that OK", Duration.ofSeconds(5));

    Thread.sleep(200);
    SimClient fresh = new SimClient(http, "http://127.0.0.1:" + port, name);
    List<SimClient.Message> all = fresh.poll(0);
    assertThat(all.stream().filter(m -> m.from().equals("user"))).hasSize(1);
    assertThat(all.stream().filter(m -> m.text().contains("Is that OK"))).hasSize(1);
  }

  @Test
  void aLongPollAnswersAsSoonAsSomethingArrives() throws Exception {
    person.poll(0);
    long start = System.nanoTime();
    Thread sender =
        new Thread(
            () -> {
              try {
                Thread.sleep(300);
                person.say("wake up", "w");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    sender.start();
    List<SimClient.Message> got = person.poll(10);
    assertThat(got).isNotEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
  }

  @Test
  void anEmptyLongPollEndsAfterItsWait() throws Exception {
    person.poll(0);
    assertThat(person.poll(1)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "{\"text\": ",
        "[1, 2]",
        "{}",
        "{\"text\": \"a\", \"payload\": \"b\"}",
        "{\"text\": {\"$where\": \"sleep(1000)\"}}",
        "{\"text\": 42}",
        "{\"payload\": \"x\", \"id\": \"\"}",
      })
  void malformedBodiesGetA400WithAnError(String body) throws Exception {
    HttpResponse<String> response = person.postRaw(body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).startsWith("{\"error\":\"").doesNotContain("Exception");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Alice", "a.b", "-lead", "x123456789012345678901234567890123", "%2e%2e"})
  void aUserThatIsNotAShortSlugGetsA400(String user) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/sim/" + user + "/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hi\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"error\"");
  }

  @Test
  void a100kbTextIsRefusedClearlyAndNothingIsLost() throws Exception {
    consentAndStartCheckin();
    HttpResponse<String> huge = person.say("x".repeat(100_000), "big");

    assertThat(huge.statusCode()).isEqualTo(400);
    assertThat(huge.body()).contains("longer than 4096 characters");
    person.say("8", "after");
    person.awaitBot("talk with", Duration.ofSeconds(5));
  }

  @Test
  void operatorLookingTextIsJustText() throws Exception {
    consentAndStartCheckin();
    person.say("{\"$where\": \"sleep(1000)\"}", "w1");

    person.awaitBot("number from 0 to 10", Duration.ofSeconds(5));
  }

  @Test
  void emojiAndBinaryLookingTextGetAReprompt() throws Exception {
    consentAndStartCheckin();
    person.say("🙂🙂🙂", "e1");
    person.awaitBot("number from 0 to 10", Duration.ofSeconds(5));
    assertThat(person.post(Map.of("text", "\u0000\u0001\u0002\ud800", "id", "b1")).statusCode())
        .isEqualTo(202);
    person.awaitBot("number from 0 to 10", Duration.ofSeconds(5));
  }

  @Test
  void thePageIsServedAtTheRoot() throws Exception {
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).containsIgnoringCase("<html");
  }
}
