package org.peerloop.bot.store;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.peerloop.bot.PeerLoopApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Start, stop and failure of the whole app on the embedded file store. */
@ExtendWith(OutputCaptureExtension.class)
class StoreLifecycleTest {

  @TempDir Path dataDir;

  private ConfigurableApplicationContext start(String... extra) {
    String[] args = new String[extra.length + 3];
    args[0] = "--server.port=0";
    args[1] = "--peerloop.data-dir=" + dataDir;
    args[2] = "--peerloop.store.auto-commit-ms=600000"; // only shutdown may persist the write
    System.arraycopy(extra, 0, args, 3, extra.length);
    return SpringApplication.run(PeerLoopApplication.class, args);
  }

  @Test
  void gracefulShutdownMakesEverythingDurable() {
    try (ConfigurableApplicationContext app = start()) {
      app.getBean(MongoTemplate.class).insert(new Document("_id", "last-words"), "notes");
    }
    try (EmbeddedStore store = EmbeddedStore.open(dataDir, 0, 1000);
        MongoClient client = MongoClients.create(store.connectionString("peerloop"))) {
      assertThat(
              client
                  .getDatabase("peerloop")
                  .getCollection("notes")
                  .find(eq("_id", "last-words"))
                  .first())
          .isNotNull();
    }
  }

  @Test
  void healthTurnsDownWhenTheStoreStopsAnswering() throws Exception {
    try (ConfigurableApplicationContext app = start()) {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      assertThat(health(port).statusCode()).isEqualTo(200);

      app.getBean(EmbeddedStore.class).close();

      HttpResponse<String> down = health(port);
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body()).contains("\"status\":\"DOWN\"");
    }
  }

  @Test
  void halfAChannelSetupRefusesToStartWithOneLinePerProblem(CapturedOutput output) {
    assertThatThrownBy(() -> start("--peerloop.twilio.account-sid=AC123"))
        .hasRootCauseInstanceOf(org.peerloop.bot.config.InvalidConfigurationException.class);

    assertThat(output.getAll())
        .contains("PeerLoop cannot start:")
        .contains("- PEERLOOP_TWILIO_AUTH_TOKEN is missing (PEERLOOP_TWILIO_ACCOUNT_SID is set)")
        .contains("- PEERLOOP_TWILIO_FROM is missing (PEERLOOP_TWILIO_ACCOUNT_SID is set)")
        .doesNotContain("\tat org.springframework");
  }

  private static HttpResponse<String> health(int port) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
