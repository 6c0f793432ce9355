package org.peerloop.bot.conversation;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerloop.bot.store.StoreFiles;
import org.peerloop.bot.testing.AppProcess;
import org.peerloop.bot.testing.SimClient;

/**
 * kill -9 of the running app while people answer the check-in through the simulator API, then a
 * restart on the same data: every answer acknowledged (202) before the kill is stored exactly once,
 * the message in flight at the kill is redelivered (as a platform would) without being applied
 * twice, and each conversation goes on at the right step.
 */
class ConversationKillNineTest {

  private static final int PEOPLE = 16;
  private static final int ROUNDS = 3;

  @TempDir Path dataDir;

  /** What person step k sends: consent first, then check-ins back to back. */
  static String[] step(int k) {
    if (k == 0) {
      return new String[] {"text", "hi"};
    }
    if (k == 1) {
      return new String[] {"payload", "consent.agree:yes"};
    }
    int run = (k - 2) / 4;
    return switch ((k - 2) % 4) {
      case 0 -> new String[] {"text", "/checkin"};
      case 1 -> new String[] {"text", "7"};
      case 2 -> new String[] {"text", "yes"};
      default -> new String[] {"text", "run " + run + " done"};
    };
  }

  /** A fragment of the bot's answer to step k. */
  static String expectedReply(int k) {
    if (k == 0) {
      return "Is that OK";
    }
    if (k == 1) {
      return "/checkin whenever";
    }
    return switch ((k - 2) % 4) {
      case 0 -> "how far";
      case 1 -> "talk with";
      case 2 -> "What changed";
      default -> "See you next week";
    };
  }

  static int completedRuns(int lastStep) {
    return lastStep < 5 ? 0 : (lastStep - 5) / 4 + 1;
  }

  @Test
  void acknowledgedAnswersSurviveKillNineAndConversationsResumeAtTheRightStep() throws Exception {
    Random random = new Random(7);
    HttpClient http = HttpClient.newHttpClient();
    List<String> names = new ArrayList<>();
    List<Integer> lastSteps = new ArrayList<>();
    int acknowledged = 0;
    for (int round = 0; round < ROUNDS; round++) {
      AppProcess app = AppProcess.start(dataDir);
      int[] acked = new int[PEOPLE];
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> people = new ArrayList<>();
      for (int p = 0; p < PEOPLE; p++) {
        int person = p;
        String name = "r" + round + "p" + p;
        acked[p] = -1;
        SimClient client = new SimClient(http, app.baseUrl(), name);
        Thread t =
            new Thread(
                () -> {
                  for (int k = 0; !stop.get(); k++) {
                    try {
                      String[] s = step(k);
                      HttpResponse<String> r =
                          client.post(java.util.Map.of(s[0], s[1], "id", name + "-" + k));
                      if (r.statusCode() != 202) {
                        return;
                      }
                      acked[person] = k;
                    } catch (IOException | InterruptedException e) {
                      return; // the app died under us: step k is in flight, not acknowledged
                    }
                  }
                });
        people.add(t);
        t.start();
      }
      Thread.sleep(1500 + random.nextInt(1500));
      app.kill();
      stop.set(true);
      for (Thread t : people) {
        t.join(10_000);
      }

      try (AppProcess restarted = AppProcess.start(dataDir)) {
        for (int p = 0; p < PEOPLE; p++) {
          String name = "r" + round + "p" + p;
          SimClient client = new SimClient(http, restarted.baseUrl(), name);
          int inFlight = acked[p] + 1;
          // The platform redelivers what we never acknowledged, with the same id.
          post(client, name, inFlight);
          int next = inFlight + 1;
          post(client, name, next);
          client.awaitBot(expectedReply(next), Duration.ofSeconds(10));
          // Finish the check-in in progress, so every person ends with a known count.
          int last = next;
          while (last < 2 || (last - 2) % 4 != 3) {
            post(client, name, ++last);
          }
          if (last > next) {
            client.awaitBot("See you next week", Duration.ofSeconds(10));
          }
          names.add(name);
          lastSteps.add(last);
          acknowledged += acked[p] + 1;
        }
      }
      System.out.printf(
          "kill -9 conversation round %d: %d people, %d answers acknowledged before the kill%n",
          round + 1, PEOPLE, java.util.Arrays.stream(acked).map(a -> a + 1).sum());
    }

    int checked = 0;
    try (StoreFiles store = StoreFiles.open(dataDir)) {
      var responses = store.database().getCollection("responses");
      for (int i = 0; i < names.size(); i++) {
        String contact = "web:" + names.get(i);
        int runs = completedRuns(lastSteps.get(i));
        for (int run = 0; run < runs; run++) {
          int checkinStep = 2 + run * 4;
          String id = contact + "|checkin@web:" + names.get(i) + "-" + checkinStep;
          Document response = responses.find(eq("_id", id)).first();
          if (response == null) {
            List<String> have = new ArrayList<>();
            responses
                .find(eq("contact", contact))
                .forEach(d -> have.add(d.getString("_id") + "=" + d.getString("status")));
            Document conversation =
                store.database().getCollection("conversations").find(eq("_id", contact)).first();
            throw new AssertionError(
                "run "
                    + run
                    + " of "
                    + contact
                    + " (last step "
                    + lastSteps.get(i)
                    + ") missing; stored: "
                    + have
                    + "; conversation: "
                    + (conversation == null ? null : conversation.toJson()));
          }
          assertThat(response.getString("status")).isEqualTo("completed");
          assertThat(response.getList("answers", List.class))
              .containsExactly(
                  List.of("progress", "7"),
                  List.of("contact", "yes"),
                  List.of("change", "run " + run + " done"));
          checked++;
        }
        assertThat(
                responses.countDocuments(
                    new Document("_id", new Document("$in", ids(contact, names.get(i), runs + 2)))))
            .as("no run stored twice or extra for %s", contact)
            .isEqualTo(runs);
      }
    }
    System.out.printf(
        "kill -9 conversation path: %d rounds, %d answers acknowledged before kills, %d check-ins verified, 0 lost, 0 duplicated%n",
        ROUNDS, acknowledged, checked);
  }

  private static List<String> ids(String contact, String name, int runs) {
    List<String> ids = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      ids.add(contact + "|checkin@web:" + name + "-" + (2 + run * 4));
    }
    return ids;
  }

  private static void post(SimClient client, String name, int k) throws Exception {
    String[] s = step(k);
    HttpResponse<String> r = client.post(java.util.Map.of(s[0], s[1], "id", name + "-" + k));
    assertThat(r.statusCode()).as("step %d of %s: %s", k, name, r.body()).isEqualTo(202);
  }
}
