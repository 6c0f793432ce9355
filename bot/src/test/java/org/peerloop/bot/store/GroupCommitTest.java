package org.peerloop.bot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

  @Test
  void everyWriteBeforeTheCallIsCoveredByTheFlushThatReleasesIt() throws Exception {
    AtomicLong written = new AtomicLong();
    AtomicLong persisted = new AtomicLong();
    try (GroupCommit commit =
        new GroupCommit(
            () -> {
              persisted.set(written.get());
              sleep(1);
            },
            "test")) {
      ExecutorService pool = Executors.newFixedThreadPool(16);
      List<Future<?>> results = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 200; i++) {
                    long mine = written.incrementAndGet();
                    commit.awaitDurable();
                    assertThat(persisted.get()).isGreaterThanOrEqualTo(mine);
                  }
                  return null;
                }));
      }
      for (Future<?> f : results) {
        f.get(30, TimeUnit.SECONDS);
      }
      pool.shutdown();
    }
  }

  @Test
  void concurrentCallersShareFlushes() throws Exception {
    AtomicInteger flushes = new AtomicInteger();
    int callers = 32;
    CountDownLatch done = new CountDownLatch(callers);
    try (GroupCommit commit =
        new GroupCommit(
            () -> {
              flushes.incrementAndGet();
              sleep(20);
            },
            "test")) {
      for (int i = 0; i < callers; i++) {
        new Thread(
                () -> {
                  commit.awaitDurable();
                  done.countDown();
                })
            .start();
      }
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    }
    // One flush may already be running when the rest arrive; they all ride the next one or two.
    assertThat(flushes.get()).isLessThan(callers / 4);
  }

  @Test
  void aFailedFlushFailsItsCallersAndTheNextFlushServesLaterOnes() {
    AtomicInteger calls = new AtomicInteger();
    try (GroupCommit commit =
        new GroupCommit(
            () -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("disk full");
              }
            },
            "test")) {
      assertThatThrownBy(commit::awaitDurable)
          .isInstanceOf(StoreUnavailableException.class)
          .hasRootCauseMessage("disk full");
      commit.awaitDurable();
      assertThat(calls.get()).isEqualTo(2);
    }
  }

  @Test
  void refusesAfterClose() {
    GroupCommit commit = new GroupCommit(() -> {}, "test");
    commit.close();
    assertThatThrownBy(commit::awaitDurable).isInstanceOf(StoreUnavailableException.class);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
