package org.peerloop.bot.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A replay can store a message as pending again after the first copy's record removed it but before
 * the dispatcher heard that the first copy finished (seen once in {@code OutboxDispatchTest} on a
 * loaded machine: a stale pending entry). The ids remember such a replay so the dispatcher drops
 * that entry once the first copy is recorded.
 */
class RecentIdsTest {

  @Test
  void aReleaseWhileActiveIsReportedWhenTheFirstFinishes() {
    RecentIds ids = new RecentIds(10);

    assertThat(ids.add("m")).isEqualTo(RecentIds.Seen.NEW);
    assertThat(ids.add("m")).isEqualTo(RecentIds.Seen.ACTIVE);

    assertThat(ids.finish("m")).as("replayed while active").isTrue();
    assertThat(ids.add("m")).isEqualTo(RecentIds.Seen.FINISHED);
  }

  @Test
  void aFinishWithoutAReplayReportsNothing() {
    RecentIds ids = new RecentIds(10);
    ids.add("m");

    assertThat(ids.finish("m")).isFalse();
    assertThat(ids.finish("unknown")).isFalse();
  }

  @Test
  void theOldestIdsAreForgottenBeyondCapacity() {
    RecentIds ids = new RecentIds(2);
    ids.add("a");
    ids.add("b");
    ids.add("c");

    assertThat(ids.add("a")).isEqualTo(RecentIds.Seen.NEW);
    assertThat(ids.add("c")).isEqualTo(RecentIds.Seen.ACTIVE);
  }
}
