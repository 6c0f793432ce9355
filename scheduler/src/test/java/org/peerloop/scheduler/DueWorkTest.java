package org.peerloop.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DueWorkTest {

  private static final String KIND = "test";
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");

  private static TestMongo mongo;
  private static int databases;

  private DueStore store;
  private MutableClock clock;
  private final List<DueWork> works = new ArrayList<>();

  @BeforeAll
  static void start() {
    mongo = new TestMongo();
  }

  @AfterAll
  static void stop() {
    mongo.close();
  }

  @BeforeEach
  void freshStore() {
    store = new DueStore(mongo.db("due" + databases++));
    clock = new MutableClock(T0.minus(Duration.ofMinutes(2)));
  }

  @org.junit.jupiter.api.AfterEach
  void closeWorks() {
    works.forEach(DueWork::close);
  }

  private DueWork work(String node, DueHandler handler) {
    DueWork w = new DueWork(store, Map.of(KIND, handler), clock, node, 4, LEASE);
    works.add(w);
    return w;
  }

  static DueItem item(String id, Instant due) {
    return new DueItem(id, KIND, "s-" + id, null, null, null, null, due, null, 0);
  }

  static List<DueItem> items(String prefix, int n, Instant due) {
    List<DueItem> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(item(prefix + i, due));
    }
    return out;
  }

  /** Ids that all land in one shard of a minute, so one slot holds several chunks. */
  static List<String> idsInShard(int shard, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; out.size() < n; i++) {
      String id = "big" + i;
      if (Math.floorMod(id.hashCode(), DueStore.SHARDS) == shard) {
        out.add(id);
      }
    }
    return out;
  }

  @Test
  void itemsAreHandedOverOnceWhenTheirMinuteComesAndNotBefore() {
    Recorder r = new Recorder();
    DueWork w = work("a", r);
    store.file(items("x", 50, T0), clock.instant());
    store.file(List.of(item("half", T0.plusSeconds(30))), clock.instant());

    assertThat(w.poll()).isZero();
    clock.set(T0.minusMillis(1));
    assertThat(w.poll()).isZero();
    assertThat(r.total()).isZero();

    clock.set(T0);
    assertThat(w.poll()).isEqualTo(50);
    assertThat(r.calls).hasSize(50).allSatisfy((id, at) -> assertThat(at).containsExactly(T0));
    assertThat(store.find("x0")).isEmpty();

    // due at 10:00:30: waits for the 10:01 bucket
    clock.set(T0.plusSeconds(45));
    assertThat(w.poll()).isZero();
    clock.set(T0.plusSeconds(60));
    assertThat(w.poll()).isEqualTo(1);
    assertThat(r.calls.get("half")).containsExactly(T0.plusSeconds(60));

    for (int i = 2; i < 10; i++) {
      clock.set(T0.plus(Duration.ofMinutes(i)));
      assertThat(w.poll()).isZero();
    }
    assertThat(r.total()).isEqualTo(51);
  }

  @Test
  void aLaterResultComesBackAtThatTime() {
    Instant later = T0.plus(Duration.ofMinutes(7));
    Recorder r =
        new Recorder(
            (item, now) ->
                item.deferrals() == 0
                    ? new DueHandler.Result.Later(later)
                    : DueHandler.Result.DONE);
    DueWork w = work("a", r);
    store.file(items("x", 3, T0), clock.instant());

    for (Instant t = T0.minus(Duration.ofMinutes(1));
        !t.isAfter(T0.plus(Duration.ofMinutes(12)));
        t = t.plus(Duration.ofMinutes(1))) {
      clock.set(t);
      w.poll();
      if (t.equals(T0)) {
        assertThat(store.find("x1"))
            .hasValueSatisfying(
                i -> {
                  assertThat(i.due()).isEqualTo(later);
                  assertThat(i.deferrals()).isEqualTo(1);
                });
      }
    }
    assertThat(r.calls)
        .hasSize(3)
        .allSatisfy((id, at) -> assertThat(at).containsExactly(T0, later));
    assertThat(r.items.get("x2")).extracting(DueItem::deferrals).containsExactly(0, 1);
    assertThat(store.find("x2")).isEmpty();
  }

  @Test
  void aLaterResultForNowComesBackAtTheNextPoll() {
    // The clock stands on a whole minute: the minute being finished is the one "now" falls in.
    Recorder r =
        new Recorder(
            (item, now) ->
                item.deferrals() == 0 ? new DueHandler.Result.Later(now) : DueHandler.Result.DONE);
    DueWork w = work("a", r);
    store.file(items("x", 3, T0), clock.instant());
    clock.set(T0);
    w.poll();
    clock.set(T0.plus(Duration.ofMinutes(1)));
    w.poll();
    assertThat(r.calls)
        .hasSize(3)
        .allSatisfy((id, at) -> assertThat(at).containsExactly(T0, T0.plus(Duration.ofMinutes(1))));
    assertThat(store.find("x0")).isEmpty();
  }

  @Test
  void workFiledForNowWhileItsMinuteIsBeingFinishedIsNotLost() {
    // A handler that files more work due at once (a wake-up), in the shard it is working through.
    String wake = "wake";
    for (int i = 0;
        Math.floorMod(wake.hashCode(), DueStore.SHARDS)
            != Math.floorMod("x0".hashCode(), DueStore.SHARDS);
        i++) {
      wake = "wake" + i;
    }
    String wakeId = wake;
    Recorder r =
        new Recorder(
            (item, now) -> {
              if (item.id().equals("x0")) {
                store.file(List.of(item(wakeId, now)), now);
              }
              return DueHandler.Result.DONE;
            });
    DueWork w = work("a", r);
    store.file(List.of(item("x0", T0)), clock.instant());
    clock.set(T0);
    w.poll();
    clock.set(T0.plus(Duration.ofMinutes(1)));
    w.poll();
    assertThat(r.calls).containsOnlyKeys("x0", wakeId);
    assertThat(r.calls.get(wakeId)).containsExactly(T0.plus(Duration.ofMinutes(1)));
  }

  @Test
  void aFailingHandlerIsRetriedLater() {
    AtomicInteger failures = new AtomicInteger();
    Recorder r =
        new Recorder(
            (item, now) -> {
              if (item.deferrals() == 0) {
                failures.incrementAndGet();
                throw new IllegalStateException("channel down");
              }
              return DueHandler.Result.DONE;
            });
    DueWork w = work("a", r);
    store.file(items("x", 2, T0), clock.instant());
    clock.set(T0);
    assertThat(w.poll()).isEqualTo(2);
    clock.set(T0.plus(DueWork.RETRY).minusSeconds(1));
    w.poll();
    assertThat(r.total()).isEqualTo(2);
    clock.set(T0.plus(DueWork.RETRY));
    w.poll();
    assertThat(failures.get()).isEqualTo(2);
    assertThat(r.calls)
        .allSatisfy((id, at) -> assertThat(at).containsExactly(T0, T0.plus(DueWork.RETRY)));
  }

  @Test
  void workFiledForAPastTimeRunsInTheNextMinute() {
    Recorder r = new Recorder();
    DueWork w = work("a", r);
    clock.set(T0.plusSeconds(20));
    w.poll();
    store.file(List.of(item("old", T0.minus(Duration.ofHours(3)))), clock.instant());
    clock.set(T0.plus(Duration.ofMinutes(1)));
    assertThat(w.poll()).isEqualTo(1);
    assertThat(r.calls.get("old")).containsExactly(T0.plus(Duration.ofMinutes(1)));

    // filed on a whole minute, for the past: the minute after it, like any other time in it
    store.file(List.of(item("older", T0.minus(Duration.ofDays(1)))), clock.instant());
    assertThat(w.poll()).isZero();
    clock.set(T0.plus(Duration.ofMinutes(2)));
    assertThat(w.poll()).isEqualTo(1);
    assertThat(r.calls.get("older")).containsExactly(T0.plus(Duration.ofMinutes(2)));
  }

  @Test
  void aWithdrawnItemIsSkippedAndAMovedOneRunsAtItsNewTime() {
    Recorder r = new Recorder();
    DueWork w = work("a", r);
    store.file(items("x", 3, T0), clock.instant());
    store.delete("x0");
    Instant moved = T0.plus(Duration.ofMinutes(3));
    store.file(List.of(item("x1", moved)), clock.instant());
    for (int i = 0; i <= 4; i++) {
      clock.set(T0.plus(Duration.ofMinutes(i)));
      w.poll();
    }
    assertThat(r.calls).containsOnlyKeys("x1", "x2");
    assertThat(r.calls.get("x1")).containsExactly(moved);
    assertThat(r.calls.get("x2")).containsExactly(T0);
  }

  /** What a process dying in the middle looks like to the code that called the handler. */
  static final class Crash extends Error {
    Crash() {
      super("the process died");
    }
  }

  @Test
  void aRestartAfterACrashInTheMiddleOfABatchHandsOverEverything() {
    // one slot with three chunks, after slots with a lower shard number, and slots after it
    int shard = 7;
    List<String> big = idsInShard(shard, 2 * DueWork.CHUNK + 200);
    List<DueItem> work = new ArrayList<>();
    big.forEach(id -> work.add(item(id, T0)));
    work.addAll(items("small", 400, T0));
    store.file(work, clock.instant());
    long before =
        work.stream()
            .filter(i -> Math.floorMod(i.id().hashCode(), DueStore.SHARDS) < shard)
            .count();
    int crashAfter = (int) before + DueWork.CHUNK + 200; // in the second chunk of the big slot

    Set<String> sent = ConcurrentHashMap.newKeySet();
    Map<String, AtomicInteger> effects = new ConcurrentHashMap<>();
    DueHandler idempotent =
        (item, now) -> {
          if (sent.add(item.id())) {
            effects.computeIfAbsent(item.id(), k -> new AtomicInteger()).incrementAndGet();
          }
          return DueHandler.Result.DONE;
        };
    AtomicInteger calls = new AtomicInteger();
    Recorder first =
        new Recorder(
            (item, now) -> {
              if (calls.incrementAndGet() > crashAfter) {
                throw new Crash();
              }
              return idempotent.handle(item, now);
            });

    clock.set(T0);
    DueWork crashing = work("node-1", first);
    assertThatThrownBy(crashing::poll).hasRootCauseInstanceOf(Crash.class);
    crashing.close();
    // the handler threw for everything past the crash: only the first crashAfter were done
    Set<String> doneBefore = new HashSet<>(sent);
    assertThat(doneBefore).hasSize(crashAfter);

    Recorder second = new Recorder((item, now) -> idempotent.handle(item, now));
    clock.set(T0.plusSeconds(30));
    DueWork restarted = work("node-1", second);
    restarted.poll();
    clock.set(T0.plus(Duration.ofMinutes(1)));
    restarted.poll();

    Set<String> all = new HashSet<>();
    work.forEach(i -> all.add(i.id()));
    Set<String> everHandled = new HashSet<>(doneBefore);
    everHandled.addAll(second.calls.keySet());
    assertThat(everHandled).isEqualTo(all);
    assertThat(second.calls).allSatisfy((id, at) -> assertThat(at).hasSize(1));

    Set<String> twice = new HashSet<>(doneBefore);
    twice.retainAll(second.calls.keySet());
    assertThat(twice).hasSizeLessThanOrEqualTo(DueWork.CHUNK);
    // and only from the chunk that crashed: the second chunk of the big slot
    assertThat(big.subList(DueWork.CHUNK, 2 * DueWork.CHUNK)).containsAll(twice);
    assertThat(twice).isNotEmpty();

    assertThat(effects).hasSize(all.size()).allSatisfy((id, n) -> assertThat(n.get()).isOne());
    assertThat(store.items(all)).isEmpty();
  }

  @Test
  void twoNodesPollingTogetherHandEachItemToExactlyOne() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 3; round++) {
        Instant minute = T0.plus(Duration.ofMinutes(10 * round));
        Map<String, AtomicInteger> count = new ConcurrentHashMap<>();
        DueHandler counting =
            (item, now) -> {
              count.computeIfAbsent(item.id(), k -> new AtomicInteger()).incrementAndGet();
              return DueHandler.Result.DONE;
            };
        Recorder a = new Recorder(counting::handle);
        Recorder b = new Recorder(counting::handle);
        List<DueItem> work = items("r" + round + "-", 5000, minute);
        clock.set(minute.minusSeconds(1));
        store.file(work, clock.instant());
        DueWork wa = work("a" + round, a);
        DueWork wb = work("b" + round, b);
        clock.set(minute);
        CountDownLatch go = new CountDownLatch(1);
        Future<Integer> fa =
            threads.submit(
                () -> {
                  go.await();
                  return wa.poll() + wa.poll();
                });
        Future<Integer> fb =
            threads.submit(
                () -> {
                  go.await();
                  return wb.poll() + wb.poll();
                });
        go.countDown();
        int na = fa.get(60, TimeUnit.SECONDS);
        int nb = fb.get(60, TimeUnit.SECONDS);

        assertThat(na + nb).isEqualTo(5000);
        assertThat(count).hasSize(5000).allSatisfy((id, n) -> assertThat(n.get()).as(id).isOne());
        assertThat(a.total()).isEqualTo(na);
        assertThat(b.total()).isEqualTo(nb);
        System.out.printf("round %d: a handled %d, b handled %d%n", round, na, nb);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aSlotWhoseNodeStoppedIsTakenOverAfterTheLease() {
    store.file(items("x", 200, T0), clock.instant());
    clock.set(T0);
    DueWork dead =
        work(
            "dead",
            new Recorder(
                (item, now) -> {
                  throw new Crash();
                }));
    assertThatThrownBy(dead::poll).hasRootCauseInstanceOf(Crash.class);
    dead.close();

    Recorder r = new Recorder();
    DueWork alive = work("alive", r);
    int first = alive.poll(); // every slot but the dead node's
    assertThat(first).isPositive().isLessThan(200);
    clock.set(T0.plus(LEASE).minusSeconds(1));
    assertThat(alive.poll()).isZero();
    clock.set(T0.plus(LEASE));
    assertThat(alive.poll()).isEqualTo(200 - first);
    assertThat(r.calls).hasSize(200).allSatisfy((id, at) -> assertThat(at).hasSize(1));
    clock.advance(Duration.ofMinutes(1));
    assertThat(alive.poll()).isZero();
  }

  @Test
  void aSlotClaimedLateInALongPollIsNotTakenOverAtOnce() {
    List<DueItem> work = items("x", 64, T0);
    store.file(work, clock.instant());
    List<String> slots =
        work.stream().map(i -> DueStore.slot(T0, i.id())).distinct().sorted().toList();
    assertThat(slots).hasSizeGreaterThan(2);

    Map<String, AtomicInteger> count = new ConcurrentHashMap<>();
    DueHandler counting =
        (item, now) -> {
          count.computeIfAbsent(item.id(), k -> new AtomicInteger()).incrementAndGet();
          return DueHandler.Result.DONE;
        };
    DueWork other = work("other", counting);
    clock.set(T0.minus(Duration.ofMinutes(1)));
    other.poll(); // its cursor is before the minute

    AtomicInteger slow = new AtomicInteger();
    AtomicInteger otherPolls = new AtomicInteger();
    DueHandler busy =
        (item, now) -> {
          String slot = DueStore.slot(T0, item.id());
          if (slot.equals(slots.get(0)) && slow.getAndIncrement() == 0) {
            clock.advance(LEASE.multipliedBy(2)); // the first slot takes long, then finishes
          }
          if (slot.equals(slots.get(1)) && otherPolls.getAndIncrement() == 0) {
            other.poll(); // the other node polls while the second slot is being worked
          }
          return counting.handle(item, now);
        };
    DueWork first = new DueWork(store, Map.of(KIND, busy), clock, "first", 1, LEASE);
    works.add(first);
    clock.set(T0);
    first.poll();

    assertThat(otherPolls.get()).isOne();
    assertThat(count).hasSize(64).allSatisfy((id, n) -> assertThat(n.get()).as(id).isOne());
  }

  @Test
  void aNodeThatComesBackToItsStaleSlotKeepsIt() {
    store.file(items("x", 64, T0), clock.instant());
    Map<String, AtomicInteger> count = new ConcurrentHashMap<>();
    DueHandler counting =
        (item, now) -> {
          count.computeIfAbsent(item.id(), k -> new AtomicInteger()).incrementAndGet();
          return DueHandler.Result.DONE;
        };
    DueWork other = work("other", counting);
    clock.set(T0.minus(Duration.ofMinutes(1)));
    other.poll();

    clock.set(T0);
    DueWork dying =
        work(
            "a",
            new Recorder(
                (item, now) -> {
                  throw new Crash();
                }));
    assertThatThrownBy(dying::poll).hasRootCauseInstanceOf(Crash.class);
    dying.close();

    // back after longer than the lease; the other node polls while it works on its old slot
    clock.set(T0.plus(LEASE).plus(Duration.ofMinutes(1)));
    AtomicInteger otherPolls = new AtomicInteger();
    DueWork back =
        work(
            "a",
            (item, now) -> {
              if (otherPolls.getAndIncrement() == 0) {
                other.poll();
              }
              return counting.handle(item, now);
            });
    back.poll();
    other.poll();

    assertThat(otherPolls.get()).isPositive();
    assertThat(count).hasSize(64).allSatisfy((id, n) -> assertThat(n.get()).as(id).isOne());
  }

  @Test
  void aNodeHoldingASlotIsNotDisturbedWhileItRenews() {
    store.file(items("x", 50, T0), clock.instant());
    clock.set(T0);
    Recorder r = new Recorder();
    DueWork a = work("a", r);
    DueWork b = work("b", r);
    assertThat(store.claim(DueStore.slot(T0, "x0"), "a", T0, LEASE)).isTrue();
    assertThat(store.claim(DueStore.slot(T0, "x0"), "b", T0.plus(LEASE).minusMillis(1), LEASE))
        .isFalse();
    assertThat(store.claim(DueStore.slot(T0, "x0"), "a", T0.plusSeconds(1), LEASE)).isTrue();
    b.poll();
    assertThat(r.calls).doesNotContainKey("x0");
    a.poll();
    assertThat(r.calls).hasSize(50).allSatisfy((id, at) -> assertThat(at).hasSize(1));
  }

  @Test
  void afterTheClockJumpsThreeDaysEverythingInBetweenIsHandled() {
    Recorder r = new Recorder();
    DueWork w = work("a", r);
    clock.set(T0);
    w.poll();
    List<DueItem> work = new ArrayList<>();
    for (int h = 0; h < 72; h++) {
      for (int k = 0; k < 3; k++) {
        Instant due = T0.plus(Duration.ofHours(h)).plus(Duration.ofMinutes((h * 7 + k * 19) % 60));
        work.add(item("h" + h + "-" + k, due.plusSeconds(k * 10)));
      }
    }
    work.add(item("after", T0.plus(Duration.ofDays(3)).plus(Duration.ofMinutes(1))));
    store.file(work, clock.instant());

    clock.set(T0.plus(Duration.ofDays(3)));
    assertThat(w.poll()).isEqualTo(work.size() - 1);
    assertThat(r.calls).hasSize(work.size() - 1).doesNotContainKey("after");
    assertThat(r.calls).allSatisfy((id, at) -> assertThat(at).containsExactly(clock.instant()));
    clock.advance(Duration.ofMinutes(1));
    assertThat(w.poll()).isOne();
    assertThat(r.calls).containsKey("after");
  }
}
