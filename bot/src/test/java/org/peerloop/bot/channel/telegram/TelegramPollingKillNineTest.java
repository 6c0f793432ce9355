package org.peerloop.bot.channel.telegram;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerloop.bot.store.StoreFiles;
import org.peerloop.bot.testing.AppProcess;

/**
 * kill -9 while polling: every update Telegram was told we have (by the next offset) is stored, the
 * ones we had not confirmed come again and are handled exactly once. The app runs in a child JVM
 * against the fake Bot API in this one; people's updates are all queued up front, the app is killed
 * while it works through them, and a restarted app finishes the queue.
 */
class TelegramPollingKillNineTest {

  private static final String TOKEN = "777:KILL-test";
  private static final int PEOPLE = 30;
  private static final int RUNS = 2;

  @TempDir Path dataDir;

  @Test
  void noUpdateIsLostOrHandledTwiceAcrossAKill() throws Exception {
    Random random = new Random(11);
    try (FakeBotApi fake = FakeBotApi.start(TOKEN)) {
      List<List<Long>> checkins = new ArrayList<>();
      long id = 1;
      // Interleaved: each round of the loop gives every person their next update.
      List<List<Object[]>> scripts = new ArrayList<>();
      for (int p = 0; p < PEOPLE; p++) {
        List<Object[]> script = new ArrayList<>();
        script.add(new Object[] {"text", "hi"});
        script.add(new Object[] {"tap", "consent.agree:yes"});
        for (int run = 0; run < RUNS; run++) {
          script.add(new Object[] {"checkin", "/checkin"});
          script.add(new Object[] {"text", "7"});
          script.add(new Object[] {"text", "yes"});
          script.add(new Object[] {"text", "run " + run + " done"});
        }
        scripts.add(script);
        checkins.add(new ArrayList<>());
      }
      for (int step = 0; step < scripts.get(0).size(); step++) {
        for (int p = 0; p < PEOPLE; p++) {
          long chat = 7_000_000 + p;
          Object[] s = scripts.get(p).get(step);
          long update = id++;
          if (s[0].equals("tap")) {
            fake.enqueue(fake.callbackUpdate(update, chat, chat, 2, (String) s[1]));
          } else {
            fake.enqueue(fake.textUpdate(update, chat, chat, (String) s[1]));
          }
          if (s[0].equals("checkin")) {
            checkins.get(p).add(update);
          }
        }
      }
      long last = id - 1;
      String[] args = {
        "--peerloop.telegram.token=" + TOKEN,
        "--peerloop.telegram.api-url=" + fake.url(),
        "--peerloop.contacts.self-enrolling=web,telegram",
        "--peerloop.outbox.channels.telegram.per-chat-per-second=100",
        "--peerloop.outbox.channels.telegram.per-second=0",
      };

      AppProcess app = AppProcess.start(dataDir, args);
      // Kill mid-way: after the first batch was confirmed, while later ones are being handled.
      long deadline0 = System.nanoTime() + 30_000_000_000L;
      while (fake.confirmedBelow() <= 1 && System.nanoTime() < deadline0) {
        Thread.sleep(5);
      }
      Thread.sleep(random.nextInt(150));
      long confirmedAtKill = fake.confirmedBelow();
      app.kill();
      assertThat(confirmedAtKill)
          .as("the kill came after some and before all updates were confirmed")
          .isBetween(2L, last);

      try (AppProcess restarted = AppProcess.start(dataDir, args)) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (fake.confirmedBelow() <= last && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertThat(fake.confirmedBelow()).as(restarted.log()).isGreaterThan(last);
        restarted.stop();
      }

      int verified = 0;
      try (StoreFiles store = StoreFiles.open(dataDir)) {
        var responses = store.database().getCollection("responses");
        for (int p = 0; p < PEOPLE; p++) {
          String contact = "telegram:" + (7_000_000 + p);
          for (int run = 0; run < RUNS; run++) {
            String rid = contact + "|checkin@telegram:" + checkins.get(p).get(run);
            Document response = responses.find(eq("_id", rid)).first();
            assertThat(response).as("check-in %d of %s", run, contact).isNotNull();
            assertThat(response.getString("status")).isEqualTo("completed");
            assertThat(response.getList("answers", List.class))
                .containsExactly(
                    List.of("progress", "7"),
                    List.of("contact", "yes"),
                    List.of("change", "run " + run + " done"));
            verified++;
          }
          Document conversation =
              store.database().getCollection("conversations").find(eq("_id", contact)).first();
          assertThat(conversation.get("session")).as("%s ends with no flow open", contact).isNull();
        }
        // "exactly once": no other check-in was stored for anyone.
        assertThat(responses.countDocuments()).isEqualTo((long) PEOPLE * RUNS);
      }
      System.out.printf(
          "kill -9 telegram polling: %d updates, %d confirmed before the kill, %d check-ins verified, 0 lost, 0 duplicated%n",
          last, confirmedAtKill - 1, verified);
    }
  }
}
