package org.peerloop.bot.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerloop.bot.PeerLoopApplication;
import org.peerloop.bot.config.PeerLoopProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Seeding across restarts of the app on one data directory. */
class DemoRestartTest {

  @TempDir Path dataDir;

  private ConfigurableApplicationContext start(String... extra) {
    List<String> args =
        new ArrayList<>(List.of("--server.port=0", "--peerloop.data-dir=" + dataDir));
    args.addAll(List.of(extra));
    return SpringApplication.run(PeerLoopApplication.class, args.toArray(String[]::new));
  }

  private static Map<String, List<Document>> everything(ConfigurableApplicationContext app) {
    MongoTemplate mongo = app.getBean(MongoTemplate.class);
    return Map.of(
        "partnerships", mongo.getCollection("partnerships").find().into(new ArrayList<>()),
        "invites", mongo.getCollection("invites").find().into(new ArrayList<>()));
  }

  @Test
  void aSecondStartCreatesNothingNew() {
    Map<String, List<Document>> first;
    try (ConfigurableApplicationContext app = start()) {
      first = everything(app);
    }
    assertThat(first.get("partnerships")).hasSize(1);
    assertThat(first.get("invites")).hasSize(2);

    try (ConfigurableApplicationContext app = start()) {
      assertThat(everything(app)).isEqualTo(first);
    }
  }

  @Test
  void aStoreThatAlreadyHasAPartnershipGetsNoDemo() {
    try (ConfigurableApplicationContext app = start("--peerloop.demo=false")) {
      app.getBean(MongoTemplate.class)
          .getCollection("partnerships")
          .insertOne(new Document("_id", "real").append("name", "A real one"));
    }

    try (ConfigurableApplicationContext app = start()) {
      Map<String, List<Document>> now = everything(app);
      assertThat(now.get("partnerships"))
          .extracting(d -> d.getString("_id"))
          .containsExactly("real");
      assertThat(now.get("invites")).isEmpty();
    }
  }

  @Test
  void theDemoIsOffByDefaultWithAMongoDbUri() {
    assertThat(properties(null, null).demoEnabled()).isTrue();
    assertThat(properties("mongodb://db.example.org/peerloop", null).demoEnabled()).isFalse();
    assertThat(properties("mongodb://db.example.org/peerloop", true).demoEnabled()).isTrue();
    assertThat(properties(null, false).demoEnabled()).isFalse();
  }

  private static PeerLoopProperties properties(String uri, Boolean demo) {
    return new PeerLoopProperties(
        uri,
        Path.of("./data"),
        false,
        null,
        null,
        true,
        demo,
        new PeerLoopProperties.Store(false, 0, 1000, "peerloop"),
        new PeerLoopProperties.Telegram(null, "https://api.telegram.org", "polling", null),
        new PeerLoopProperties.Twilio(null, null, null, "https://api.twilio.com"));
  }
}
