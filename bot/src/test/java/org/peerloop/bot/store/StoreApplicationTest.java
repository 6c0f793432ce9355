package org.peerloop.bot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "peerloop.store.memory=true",
      "peerloop.admin-token=" + StoreApplicationTest.TOKEN
    })
@ExtendWith(OutputCaptureExtension.class)
class StoreApplicationTest {

  static final String TOKEN = "test-admin-token-0123456789";

  @TestConfiguration
  static class Specs {
    @Bean
    CollectionSpec receipts() {
      return CollectionSpec.hot("test_receipts", List.of(List.of("channel", "platformId")));
    }
  }

  @LocalServerPort int port;
  @Autowired MongoTemplate mongo;
  @Autowired Durability durability;

  @Test
  void healthIsUpAndShowsStoreDetailsOnlyToTheOperator() throws Exception {
    HttpResponse<String> anonymous = get("/actuator/health", null);
    HttpResponse<String> operator = get("/actuator/health", TOKEN);
    HttpResponse<String> stranger = get("/actuator/health", "not-the-token-at-all");

    assertThat(anonymous.statusCode()).isEqualTo(200);
    assertThat(anonymous.body()).contains("\"status\":\"UP\"").doesNotContain("embedded");
    assertThat(stranger.body()).doesNotContain("embedded");
    assertThat(operator.body()).contains("\"store\"").contains("\"kind\":\"embedded\"");
  }

  @Test
  void declaredUniqueKeysExistAfterStart() {
    assertThat(
            UniqueIndexes.exists(mongo.getDb(), "test_receipts", List.of("channel", "platformId")))
        .isTrue();
  }

  @Test
  void aReplayedInsertIsAnsweredQuietly(CapturedOutput output) {
    Document receipt = new Document("channel", "web").append("platformId", "m-1");
    assertThat(DuplicateKeys.insertOnce(() -> mongo.insert(new Document(receipt), "test_receipts")))
        .isTrue();
    assertThat(DuplicateKeys.insertOnce(() -> mongo.insert(new Document(receipt), "test_receipts")))
        .isFalse();
    durability.awaitDurable();

    assertThat(output.getAll()).doesNotContain("ERROR").doesNotContain("DuplicateKey");
  }

  @Test
  void logsMaskPhoneNumbersAndChatIds(CapturedOutput output) {
    LoggerFactory.getLogger("peerloop.test")
        .info("message from whatsapp:+254712345678 in -1009876543210");

    assertThat(output.getOut())
        .contains("message from whatsapp:***78 in ***10")
        .doesNotContain("254712345678")
        .doesNotContain("9876543210");
  }

  private HttpResponse<String> get(String path, String bearer) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
