package org.peerloop.bot.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A person in the web simulator, over real HTTP against the pinned API. */
public final class SimClient {

  /** {@code file} is the download the bot sent with the message, else null. */
  public record Message(
      long seq,
      String from,
      String text,
      List<String> labels,
      List<String> payloads,
      FileLink file) {}

  /** A file offered for download: its name and the path to GET it from. */
  public record FileLink(String name, String url) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http;
  private final String origin;
  private final String base;
  private long seen;
  private final List<Message> history = new ArrayList<>();
  private int searched;

  public SimClient(HttpClient http, String baseUrl, String user) {
    this.http = http;
    this.origin = baseUrl;
    this.base = baseUrl + "/api/v1/sim/" + user + "/messages";
  }

  public HttpResponse<String> post(Map<String, String> body)
      throws IOException, InterruptedException {
    return postRaw(JSON.writeValueAsString(body));
  }

  public HttpResponse<String> postRaw(String body) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> say(String text, String id) throws IOException, InterruptedException {
    return post(id == null ? Map.of("text", text) : Map.of("text", text, "id", id));
  }

  public HttpResponse<String> tap(String payload, String id)
      throws IOException, InterruptedException {
    return post(id == null ? Map.of("payload", payload) : Map.of("payload", payload, "id", id));
  }

  /** Everything after what this client has seen, waiting up to {@code waitSeconds} for news. */
  public List<Message> poll(int waitSeconds) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "?after=" + seen + "&wait=" + waitSeconds))
            .timeout(Duration.ofSeconds(waitSeconds + 10L))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + response.statusCode() + ": " + response.body());
    }
    List<Message> out = new ArrayList<>();
    for (JsonNode m : JSON.readTree(response.body()).get("messages")) {
      List<String> labels = new ArrayList<>();
      List<String> payloads = new ArrayList<>();
      for (JsonNode b : m.get("buttons")) {
        labels.add(b.get("label").asString());
        payloads.add(b.get("payload").asString());
      }
      JsonNode file = m.get("file");
      Message message =
          new Message(
              m.get("seq").asLong(),
              m.get("from").asString(),
              m.get("text").asString(),
              labels,
              payloads,
              file == null
                  ? null
                  : new FileLink(file.get("name").asString(), file.get("url").asString()));
      out.add(message);
      history.add(message);
      seen = Math.max(seen, message.seq());
    }
    return out;
  }

  /**
   * The next bot message (after the last one this method returned) whose text contains {@code
   * fragment}, polling for it if it has not arrived yet.
   */
  public Message awaitBot(String fragment, Duration within)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      for (; searched < history.size(); searched++) {
        Message m = history.get(searched);
        if (m.from().equals("bot") && m.text().contains(fragment)) {
          searched++;
          return m;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no bot message containing '" + fragment + "'; saw " + history);
      }
      poll(1);
    }
  }

  /** GETs a path of this app (a file's {@code url}), as bytes. */
  public HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(origin + path)).timeout(Duration.ofSeconds(30)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }
}
