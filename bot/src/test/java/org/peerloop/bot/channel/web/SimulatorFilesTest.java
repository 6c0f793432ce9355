package org.peerloop.bot.channel.web;

import static com.mongodb.client.model.Filters.eq;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerloop.bot.contact.ContactStore;
import org.peerloop.bot.outbox.Attachment;
import org.peerloop.bot.outbox.Attachments;
import org.peerloop.bot.outbox.OutboundMessage;
import org.peerloop.bot.outbox.Outbox;
import org.peerloop.bot.outbox.Priority;
import org.peerloop.bot.outbox.Recipient;
import org.peerloop.bot.testing.SimClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Files the bot sends a simulator user, over real HTTP: a message with an attachment goes through
 * the outbox like any other, shows as a link in the transcript, and only its person can fetch it.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"peerloop.store.memory=true", "peerloop.contacts.self-enrolling=web"})
class SimulatorFilesTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final AtomicInteger IDS = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired Outbox outbox;
  @Autowired Attachments attachments;
  @Autowired ContactStore contacts;
  @Autowired MongoTemplate mongo;

  private final HttpClient http = HttpClient.newHttpClient();
  private String name;
  private SimClient person;

  @BeforeEach
  void newPerson() {
    name = "f" + System.nanoTime();
    person = newClient(name);
  }

  private SimClient newClient(String user) {
    return new SimClient(http, "http://127.0.0.1:" + port, user);
  }

  /** What a feature such as /mydata does: store the file, send a message that carries it. */
  private Attachment sendFile(
      String user, String text, String fileName, String type, byte[] bytes) {
    String contact = WebSender.CHANNEL + ":" + user;
    if (contacts.find(contact).isEmpty()) {
      contacts.create(WebSender.CHANNEL, user, "en", Instant.now());
    }
    Attachment file = attachments.put(contact, fileName, type, bytes);
    outbox.send(
        List.of(
            new OutboundMessage(
                "files-test-" + IDS.incrementAndGet(),
                new Recipient(contact, WebSender.CHANNEL, user),
                text,
                List.of(),
                Priority.INTERACTIVE,
                null,
                Instant.now(),
                file)));
    return file;
  }

  private SimClient.FileLink awaitFile(SimClient client) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      for (SimClient.Message m : client.poll(1)) {
        if (m.file() != null) {
          return m.file();
        }
      }
    }
    throw new AssertionError("no message with a file arrived");
  }

  @Test
  void theOwnerDownloadsTheFileFromTheLinkInTheTranscript() throws Exception {
    byte[] bytes = "{\"checkins\":[]}".getBytes(UTF_8);
    Attachment sent =
        sendFile(name, "Everything we keep about you", "my-data.json", "application/json", bytes);

    SimClient.FileLink link = awaitFile(person);

    assertThat(link.name()).isEqualTo("my-data.json");
    assertThat(link.url()).isEqualTo("/api/v1/sim/" + name + "/files/" + sent.id());
    HttpResponse<byte[]> download = person.get(link.url());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(bytes);
    assertThat(download.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("attachment; filename=\"my-data.json\"");
    assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(download.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void aNameBeyondAsciiIsOfferedInUtf8() throws Exception {
    sendFile(name, "", "résumé 📈.png", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});

    HttpResponse<byte[]> download = person.get(awaitFile(person).url());

    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("attachment;")
        .contains("filename*=UTF-8''r%C3%A9sum%C3%A9%20%F0%9F%93%88.png");
  }

  @Test
  void anotherUserGets404ForTheSameId() throws Exception {
    Attachment mine = sendFile(name, "yours", "a.json", "application/json", new byte[] {1});
    String other = name + "-other";
    sendFile(other, "theirs", "b.json", "application/json", new byte[] {2});
    SimClient otherClient = newClient(other);
    awaitFile(otherClient);
    awaitFile(person);

    HttpResponse<byte[]> response = otherClient.get("/api/v1/sim/" + other + "/files/" + mine.id());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(person.get("/api/v1/sim/" + name + "/files/" + mine.id()).statusCode())
        .isEqualTo(200);
  }

  @Test
  void anUnknownIdOrAnUnknownUserGets404() throws Exception {
    sendFile(name, "yours", "a.json", "application/json", new byte[] {1});
    awaitFile(person);

    assertThat(person.get("/api/v1/sim/" + name + "/files/AAAAAAAAAAAAAAAAAAAAAA").statusCode())
        .isEqualTo(404);
    // Tomcat refuses an encoded slash (400) before it reaches us; either way nothing is served.
    assertThat(person.get("/api/v1/sim/" + name + "/files/..%2F..%2Fetc").statusCode())
        .isIn(400, 404);
    assertThat(person.get("/api/v1/sim/nobody-here/files/AAAAAAAAAAAAAAAAAAAAAA").statusCode())
        .isEqualTo(404);
    assertThat(person.get("/api/v1/sim/Not.A.Name/files/AAAAAAAAAAAAAAAAAAAAAA").statusCode())
        .isEqualTo(400);
  }

  @Test
  void aFileErasedAfterItWasSentIsNoLongerServed() throws Exception {
    sendFile(name, "yours", "a.json", "application/json", new byte[] {1});
    SimClient.FileLink link = awaitFile(person);

    attachments.deleteFor(WebSender.CHANNEL + ":" + name);

    assertThat(person.get(link.url()).statusCode()).isEqualTo(404);
  }

  @Test
  void aMessageWhoseFileIsGoneBeforeItIsSentFailsAndShowsNothing() throws Exception {
    String contact = WebSender.CHANNEL + ":" + name;
    contacts.create(WebSender.CHANNEL, name, "en", Instant.now());
    Attachment file = attachments.put(contact, "a.json", "application/json", new byte[] {1});
    attachments.deleteFor(contact);
    String id = "files-test-" + IDS.incrementAndGet();

    outbox.send(
        List.of(
            new OutboundMessage(
                id,
                new Recipient(contact, WebSender.CHANNEL, name),
                "Your data",
                List.of(),
                Priority.INTERACTIVE,
                null,
                Instant.now(),
                file)));

    Document logged =
        await()
            .atMost(Duration.ofSeconds(5))
            .until(
                () -> mongo.getCollection("outbox_log").find(eq("_id", id)).first(),
                d -> d != null);
    assertThat(logged.getString("state")).isEqualTo("failed");
    assertThat(logged.getString("reason")).contains("attachment's file is gone");
    assertThat(person.poll(0)).isEmpty();
  }

  @Test
  void onlyAMessageWithAFileGetsTheFileField() throws Exception {
    person.say("hi", "1");
    person.awaitBot("Is that OK", Duration.ofSeconds(5));
    sendFile(name, "Your data", "d.json", "application/json", new byte[] {1});
    awaitFile(person);

    List<JsonNode> messages = new ArrayList<>();
    JSON.readTree(rawMessages()).get("messages").forEach(messages::add);

    for (JsonNode m : messages) {
      List<String> fields = new ArrayList<>();
      m.propertyNames().forEach(fields::add);
      if (m.has("file")) {
        assertThat(fields).containsExactlyInAnyOrder("seq", "from", "text", "buttons", "file");
        List<String> fileFields = new ArrayList<>();
        m.get("file").propertyNames().forEach(fileFields::add);
        assertThat(fileFields).containsExactlyInAnyOrder("name", "url");
      } else {
        assertThat(fields).containsExactlyInAnyOrder("seq", "from", "text", "buttons");
      }
    }
    assertThat(messages.stream().filter(m -> m.has("file"))).hasSize(1);
  }

  private String rawMessages() throws Exception {
    return http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + port + "/api/v1/sim/" + name + "/messages?after=0"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
