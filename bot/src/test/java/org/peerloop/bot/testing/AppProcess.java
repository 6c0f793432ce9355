package org.peerloop.bot.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.peerloop.bot.PeerLoopApplication;

/**
 * The real app in a child JVM on a data directory, as an operator runs it: started, waited for
 * until healthy, and either stopped gracefully or killed with SIGKILL.
 */
public final class AppProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;

  private AppProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  public static AppProcess start(Path dataDir, String... args)
      throws IOException, InterruptedException {
    int port = freePort();
    Path log = Files.createTempFile("peerloop-app", ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    // Extra JVM options for experiments, e.g. -Dapp.jvm.args=-XX:StartFlightRecording=...
    for (String a : System.getProperty("app.jvm.args", "").split(" ")) {
      if (!a.isBlank()) {
        command.add(a);
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(PeerLoopApplication.class.getName());
    command.add("--server.port=" + port);
    command.add("--peerloop.data-dir=" + dataDir);
    // These tests measure and crash the simulator path itself: anyone who writes is enrolled
    // (consent only), as before invite codes existed. Joining with codes has its own tests.
    command.add("--peerloop.contacts.self-enrolling=web");
    command.add("--spring.main.banner-mode=off");
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    AppProcess app = new AppProcess(process, port, log);
    app.awaitHealthy(Duration.ofSeconds(60));
    return app;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hook, no final commit. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM: the graceful shutdown an operator's stop sends. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  private void awaitHealthy(Duration within) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the app exited while starting:\n" + log());
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    process.destroyForcibly();
    throw new IllegalStateException("the app did not become healthy:\n" + log());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      stop();
    }
  }
}
