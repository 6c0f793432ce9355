package org.peerloop.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims and runs due work. Each poll reads, hour document by hour document, the slots of every
 * minute from this instance's cursor up to now, claims each slot, hands its items to their handler
 * (several at a time), and moves the cursor past minutes that are over. A slot another live
 * instance holds is left to it; one whose holder stopped renewing is taken over. After a restart
 * the cursor resumes where it was: late work is handed over then, and the handler decides whether
 * it is still useful.
 */
public final class DueWork implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DueWork.class);
  static final int CHUNK = 500;
  static final Duration LONGEST_CATCH_UP = Duration.ofDays(14);
  static final Duration RETRY = Duration.ofMinutes(5);
  static final int MAX_DEFERRALS = 100;

  private final DueStore store;
  private final Map<String, DueHandler> handlers;
  private final Clock clock;
  private final String node;
  private final Duration lease;
  private final ExecutorService pool;

  public DueWork(
      DueStore store,
      Map<String, DueHandler> handlers,
      Clock clock,
      String node,
      int threads,
      Duration lease) {
    this.store = store;
    this.handlers = Map.copyOf(handlers);
    this.clock = clock;
    this.node = node;
    this.lease = lease;
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "due-work");
              t.setDaemon(true);
              return t;
            });
  }

  /** Runs everything due now; answers how many items were handed to a handler. */
  public synchronized int poll() {
    Instant now = clock.instant();
    Instant current = now.truncatedTo(ChronoUnit.MINUTES);
    Instant oldest = current.minus(LONGEST_CATCH_UP);
    // A first poll reads back as far as any: work may have been filed before this node ever ran.
    Instant from = store.cursor(node).orElse(oldest);
    if (from.isBefore(oldest)) {
      log.warn("due work older than {} was not read: the app was down longer", oldest);
      from = oldest;
    }
    int handled = 0;
    for (String stale : store.staleClaims(now, lease)) {
      handled += run(stale, now);
    }
    for (Instant hour = from.truncatedTo(ChronoUnit.HOURS);
        !hour.isAfter(current);
        hour = hour.plus(Duration.ofHours(1))) {
      Instant start = from;
      List<String> slots =
          store.slots(DueStore.hourOf(hour)).stream()
              .filter(s -> !DueStore.minuteOf(s).isBefore(start))
              .filter(s -> !DueStore.minuteOf(s).isAfter(current))
              .sorted()
              .toList();
      for (String slot : slots) {
        handled += run(slot, now);
      }
      // The current minute is read again next time: work may still be filed into it.
      Instant next = hour.plus(Duration.ofHours(1));
      store.cursor(node, next.isAfter(current) ? current : next);
      if (!next.isAfter(current)) {
        store.dropHourIfEmpty(DueStore.hourOf(hour)); // over, and nothing left in it
      }
    }
    return handled;
  }

  private int run(String slot, Instant now) {
    // Stamped with the time of the claim, not of the poll: a long poll would otherwise make
    // claims that other nodes see as stale (and take over) the moment they are made.
    if (!store.claim(slot, node, clock.instant(), lease)) {
      return 0;
    }
    Instant minute = DueStore.minuteOf(slot);
    List<String> ids = store.bucket(slot);
    int handled = 0;
    for (int i = 0; i < ids.size(); i += CHUNK) {
      List<DueItem> chunk = store.items(ids.subList(i, Math.min(ids.size(), i + CHUNK)));
      List<Future<DueHandler.Result>> results = new ArrayList<>();
      List<DueItem> mine = new ArrayList<>();
      for (DueItem item : chunk) {
        if (DueStore.dueMinute(item.due()).isAfter(minute)) {
          continue; // moved later: a later bucket names it too
        }
        mine.add(item);
        results.add(pool.submit(() -> handle(item, clock.instant())));
      }
      List<String> done = new ArrayList<>();
      List<DueItem> later = new ArrayList<>();
      for (int k = 0; k < mine.size(); k++) {
        DueHandler.Result r = await(results.get(k));
        if (r instanceof DueHandler.Result.Later l) {
          later.add(mine.get(k).deferredTo(l.at()));
        } else {
          done.add(mine.get(k).id());
        }
      }
      store.file(later, clock.instant());
      store.deleteItems(done);
      handled += mine.size();
      if (!store.renew(slot, node, clock.instant())) {
        log.warn("slot {} was taken over by another node while this one worked on it", slot);
        return handled;
      }
    }
    store.finish(slot);
    return handled;
  }

  private DueHandler.Result handle(DueItem item, Instant now) {
    DueHandler handler = handlers.get(item.kind());
    if (handler == null) {
      log.warn("no handler for due work of kind {}: dropped", item.kind());
      return DueHandler.Result.DONE;
    }
    try {
      return handler.handle(item, now);
    } catch (RuntimeException e) {
      if (item.deferrals() >= MAX_DEFERRALS) {
        log.error(
            "due work {} failed {} times, given up: {}",
            item.kind(),
            item.deferrals(),
            e.toString());
        return DueHandler.Result.DONE;
      }
      // One person's failure must not hold up everyone else in the minute: look again later.
      log.warn("due work {} failed, retrying in {}: {}", item.kind(), RETRY, e.toString());
      return new DueHandler.Result.Later(now.plus(RETRY));
    }
  }

  private static DueHandler.Result await(Future<DueHandler.Result> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while handling due work", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
