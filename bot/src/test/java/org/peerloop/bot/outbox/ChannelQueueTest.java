package org.peerloop.bot.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The channel queue on its own, no Spring: order, lanes, priorities and pacing. Timings are checked
 * with generous bounds only; orders and counts are exact.
 */
class ChannelQueueTest {

  static final long MS = 1_000_000L;

  private final ExecutorService taker = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopTaker() {
    taker.shutdownNow();
  }

  static OutboundMessage msg(String id, String chat, Priority priority) {
    return new OutboundMessage(
        id,
        new Recipient("t:" + chat, "t", chat),
        "text of " + id,
        List.of(),
        priority,
        null,
        Instant.EPOCH);
  }

  static OutboundMessage msg(String id, String chat) {
    return msg(id, chat, Priority.INTERACTIVE);
  }

  /**
   * A take that was started and has not answered yet. It is never cancelled: an interrupted taker
   * that was also signalled may still take a job, which would then be lost to the test.
   */
  private Future<ChannelQueue.Job> waiting;

  private Future<ChannelQueue.Job> taking(ChannelQueue queue) {
    if (waiting == null) {
      waiting = taker.submit(queue::take);
    }
    return waiting;
  }

  /** Takes the next job, failing the test if none comes within {@code within}. */
  ChannelQueue.Job take(ChannelQueue queue, Duration within) throws Exception {
    try {
      ChannelQueue.Job job = taking(queue).get(within.toMillis(), TimeUnit.MILLISECONDS);
      waiting = null;
      return job;
    } catch (TimeoutException e) {
      return fail("nothing could be taken within " + within);
    }
  }

  ChannelQueue.Job take(ChannelQueue queue) throws Exception {
    return take(queue, Duration.ofSeconds(1));
  }

  /** Asserts that nothing can be taken for {@code during}; the take goes on waiting. */
  void assertNothingTaken(ChannelQueue queue, Duration during) throws Exception {
    try {
      ChannelQueue.Job got = taking(queue).get(during.toMillis(), TimeUnit.MILLISECONDS);
      fail("expected nothing, took " + got.message().id());
    } catch (TimeoutException expected) {
      // still waiting, as it should
    }
  }

  @Test
  void aChatsMessagesLeaveInOrderAndOneAtATime() throws Exception {
    ChannelQueue queue = new ChannelQueue(0, 0);
    for (int i = 1; i <= 4; i++) {
      queue.add(msg("a" + i, "a"));
      queue.add(msg("b" + i, "b"));
    }

    ChannelQueue.Job a1 = take(queue);
    ChannelQueue.Job b1 = take(queue);
    assertThat(List.of(a1.message().id(), b1.message().id())).containsExactly("a1", "b1");
    // Both lanes have a message in flight: a2 and b2 wait for them.
    assertNothingTaken(queue, Duration.ofMillis(100));

    Map<String, List<String>> perChat = new HashMap<>();
    queue.finished(a1);
    queue.finished(b1);
    for (int i = 0; i < 6; i++) {
      ChannelQueue.Job job = take(queue);
      assertThat(job.attempt()).isEqualTo(1);
      perChat
          .computeIfAbsent(job.message().to().address(), k -> new ArrayList<>())
          .add(job.message().id());
      queue.finished(job);
    }

    assertThat(perChat.get("a")).containsExactly("a2", "a3", "a4");
    assertThat(perChat.get("b")).containsExactly("b2", "b3", "b4");
    assertThat(queue.size()).isZero();
  }

  @Test
  void sizeCountsWhatIsWaitingAndInFlightUntilFinished() throws Exception {
    ChannelQueue queue = new ChannelQueue(0, 0);
    queue.add(msg("a1", "a"));
    queue.add(msg("a2", "a"));
    queue.add(msg("b1", "b"));
    assertThat(queue.size()).isEqualTo(3);

    ChannelQueue.Job job = take(queue);
    assertThat(queue.size()).isEqualTo(3);

    queue.finished(job);
    assertThat(queue.size()).isEqualTo(2);
  }

  @Test
  void aRetryHoldsBackItsChatButNotOthers() throws Exception {
    ChannelQueue queue = new ChannelQueue(0, 0);
    queue.add(msg("a1", "a"));
    queue.add(msg("a2", "a"));
    queue.add(msg("b1", "b"));

    ChannelQueue.Job a1 = take(queue);
    assertThat(a1.message().id()).isEqualTo("a1");
    long retriedAt = System.nanoTime();
    queue.retry(a1, 300 * MS);

    ChannelQueue.Job b1 = take(queue, Duration.ofMillis(200));
    assertThat(b1.message().id()).as("another chat is not held back").isEqualTo("b1");
    queue.finished(b1);

    ChannelQueue.Job again = take(queue);
    long waited = System.nanoTime() - retriedAt;
    assertThat(again.message().id()).as("a2 stays behind the retried a1").isEqualTo("a1");
    assertThat(again.attempt()).isEqualTo(2);
    assertThat(waited).isGreaterThanOrEqualTo(300 * MS);

    queue.finished(again);
    ChannelQueue.Job a2 = take(queue);
    assertThat(a2.message().id()).isEqualTo("a2");
    assertThat(a2.attempt()).as("attempts start again for the next message").isEqualTo(1);
  }

  @Test
  void attemptsCountUpWithEachRetry() throws Exception {
    ChannelQueue queue = new ChannelQueue(0, 0);
    queue.add(msg("a1", "a"));

    List<Integer> attempts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ChannelQueue.Job job = take(queue);
      attempts.add(job.attempt());
      queue.retry(job, 0);
    }

    assertThat(attempts).containsExactly(1, 2, 3);
  }

  @Test
  void interactiveLanesGoBeforeBulkLanesThatWereReadyEarlier() throws Exception {
    ChannelQueue queue = new ChannelQueue(0, 0);
    queue.add(msg("bulk1", "p", Priority.BULK));
    queue.add(msg("bulk2", "q", Priority.BULK));
    Thread.sleep(5);
    queue.add(msg("reply1", "r", Priority.INTERACTIVE));
    queue.add(msg("reply2", "s", Priority.INTERACTIVE));

    List<String> order = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ChannelQueue.Job job = take(queue);
      order.add(job.message().id());
      queue.finished(job);
    }

    assertThat(order).containsExactly("reply1", "reply2", "bulk1", "bulk2");
  }

  @Test
  void anInteractiveReplyOvertakesBulkWaitingForTheChannelRate() throws Exception {
    // 10 a second: a burst of 10, then one every 100 ms.
    ChannelQueue queue = new ChannelQueue(10, 0);
    for (int i = 0; i < 14; i++) {
      queue.add(msg("bulk" + i, "p" + i, Priority.BULK));
    }
    List<String> order = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ChannelQueue.Job job = take(queue);
      order.add(job.message().id());
      queue.finished(job);
    }
    queue.add(msg("reply", "r", Priority.INTERACTIVE));
    for (int i = 0; i < 5; i++) {
      ChannelQueue.Job job = take(queue);
      order.add(job.message().id());
      queue.finished(job);
    }

    assertThat(order.get(10)).isEqualTo("reply");
    assertThat(order.subList(11, 15)).containsExactly("bulk10", "bulk11", "bulk12", "bulk13");
  }

  @Test
  void aChatWaitingForItsRetryDoesNotHoldBackOtherChatsOfLowerPriority() throws Exception {
    ChannelQueue queue = new ChannelQueue(0, 0);
    queue.add(msg("reply", "r", Priority.INTERACTIVE));
    ChannelQueue.Job reply = take(queue);
    queue.retry(reply, 1_000 * MS);

    queue.add(msg("bulk", "p", Priority.BULK));

    ChannelQueue.Job next = take(queue, Duration.ofMillis(500));
    assertThat(next.message().id()).isEqualTo("bulk");
  }

  @Test
  void aChatWaitingForItsPacingGapDoesNotHoldBackOtherChatsOfLowerPriority() throws Exception {
    // One message a second per chat.
    ChannelQueue queue = new ChannelQueue(0, 1);
    queue.add(msg("reply1", "r", Priority.INTERACTIVE));
    queue.add(msg("reply2", "r", Priority.INTERACTIVE));
    queue.add(msg("bulk", "p", Priority.BULK));

    ChannelQueue.Job first = take(queue);
    assertThat(first.message().id()).isEqualTo("reply1");
    queue.finished(first);

    ChannelQueue.Job next = take(queue, Duration.ofMillis(500));
    assertThat(next.message().id()).isEqualTo("bulk");
  }

  @Test
  void theChannelRateIsRespected() throws Exception {
    // 100 a second with a burst of 100: 150 messages need at least half a second.
    ChannelQueue queue = new ChannelQueue(100, 0);
    for (int i = 0; i < 150; i++) {
      queue.add(msg("m" + i, "c" + i));
    }

    long start = System.nanoTime();
    for (int i = 0; i < 150; i++) {
      queue.finished(take(queue));
    }
    long elapsed = System.nanoTime() - start;

    assertThat(elapsed).isBetween(450 * MS, 1_500 * MS);
    assertThat(queue.size()).isZero();
  }

  @Test
  void thePerChatGapIsRespectedWhileOtherChatsGoInBetween() throws Exception {
    // One message every 125 ms per chat, no channel limit.
    ChannelQueue queue = new ChannelQueue(0, 8);
    for (int i = 0; i < 4; i++) {
      queue.add(msg("a" + i, "a"));
      queue.add(msg("b" + i, "b"));
    }

    Map<String, List<Long>> takenAt = new HashMap<>();
    long start = System.nanoTime();
    for (int i = 0; i < 8; i++) {
      ChannelQueue.Job job = take(queue);
      takenAt
          .computeIfAbsent(job.message().to().address(), k -> new ArrayList<>())
          .add(System.nanoTime());
      queue.finished(job);
    }
    long elapsed = System.nanoTime() - start;

    for (List<Long> times : takenAt.values()) {
      assertThat(times).hasSize(4);
      for (int i = 1; i < times.size(); i++) {
        assertThat(times.get(i) - times.get(i - 1)).isGreaterThanOrEqualTo(125 * MS);
      }
    }
    // Three gaps per chat, the two chats side by side (one after the other would be 875 ms).
    assertThat(elapsed).isBetween(375 * MS, 800 * MS);
  }

  @Test
  void aSkippedMessageGivesItsChannelTokenBack() throws Exception {
    // One a second, burst of one: after a real send the next token is a second away.
    ChannelQueue queue = new ChannelQueue(1, 0);
    queue.add(msg("a1", "a"));
    queue.add(msg("b1", "b"));
    queue.add(msg("c1", "c"));

    queue.skipped(take(queue)); // never sent: the token comes back
    ChannelQueue.Job second = take(queue, Duration.ofMillis(500));
    queue.finished(second); // sent: this one used the token

    assertNothingTaken(queue, Duration.ofMillis(400));
    assertThat(take(queue, Duration.ofSeconds(2)).message().id()).isEqualTo("c1");
  }

  @Test
  void aSkippedMessageKeepsTheGapOfTheChatsLastSend() throws Exception {
    ChannelQueue queue = new ChannelQueue(0, 2); // one message every 500 ms per chat
    queue.add(msg("a1", "a"));
    queue.add(msg("a2", "a"));
    queue.add(msg("a3", "a"));

    queue.finished(take(queue)); // a1 sent
    ChannelQueue.Job a2 = take(queue, Duration.ofSeconds(2));
    queue.skipped(a2); // a2 not sent: a3 waits for a1's gap only, not a new one
    long skippedAt = System.nanoTime();
    take(queue, Duration.ofSeconds(2));

    assertThat(System.nanoTime() - skippedAt).isLessThan(400 * MS);
  }

  @Test
  void aRetryWaitsAtLeastTheChatsGap() throws Exception {
    ChannelQueue queue = new ChannelQueue(0, 2); // one message every 500 ms per chat
    queue.add(msg("a1", "a"));

    queue.retry(take(queue), 0); // the platform said "now", but the attempt counts as a send
    assertNothingTaken(queue, Duration.ofMillis(350));
    ChannelQueue.Job again = take(queue, Duration.ofSeconds(2));

    assertThat(again.message().id()).isEqualTo("a1");
    assertThat(again.attempt()).isEqualTo(2);
  }

  @Test
  void dropEmptiesTheLaneAndAnswersWhatWasInIt() throws Exception {
    ChannelQueue queue = new ChannelQueue(0, 0);
    queue.add(msg("a1", "a"));
    queue.add(msg("a2", "a"));
    queue.add(msg("a3", "a"));
    queue.add(msg("b1", "b"));

    ChannelQueue.Job a1 = take(queue);
    List<OutboundMessage> dropped = queue.drop(a1);

    assertThat(dropped).extracting(OutboundMessage::id).containsExactly("a1", "a2", "a3");
    assertThat(queue.size()).isEqualTo(1);
    ChannelQueue.Job b1 = take(queue);
    assertThat(b1.message().id()).isEqualTo("b1");
    queue.finished(b1);
    assertThat(queue.size()).isZero();
    assertNothingTaken(queue, Duration.ofMillis(100));

    // The chat's lane still works for what comes later (the dispatcher decides whether to send).
    queue.add(msg("a4", "a"));
    ChannelQueue.Job a4 = take(queue);
    assertThat(a4.message().id()).isEqualTo("a4");
    assertThat(a4.attempt()).isEqualTo(1);
  }

  @Test
  void aTakerWaitingOnAnEmptyQueueWakesWhenAMessageArrives() throws Exception {
    ChannelQueue queue = new ChannelQueue(0, 0);
    Future<ChannelQueue.Job> pendingTake = taker.submit(queue::take);
    Thread.sleep(50);
    assertThat(pendingTake).isNotDone();

    queue.add(msg("late", "a"));

    assertThat(pendingTake.get(1, TimeUnit.SECONDS).message().id()).isEqualTo("late");
  }
}
