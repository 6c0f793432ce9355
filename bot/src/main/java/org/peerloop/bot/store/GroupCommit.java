package org.peerloop.bot.store;

import java.util.concurrent.TimeUnit;

/**
 * Shares one store commit among every caller waiting at the same moment: a caller takes a ticket,
 * one committer thread flushes once for all tickets issued before that flush began, and every
 * caller with such a ticket returns. Under load, N concurrent acknowledgements cost about one
 * commit instead of N.
 *
 * <p>Correctness rests on ordering: a caller's writes completed before it took its ticket, and the
 * committer reads the highest ticket before it starts flushing, so the flush includes them.
 */
final class GroupCommit implements Durability, AutoCloseable {

  private final Runnable flush;
  private final Object lock = new Object();
  private final Thread committer;
  private long issued; // guarded by lock
  private long durable; // highest ticket whose flush succeeded; guarded by lock
  private long processed; // highest ticket whose flush ended either way; guarded by lock
  private RuntimeException lastFailure; // guarded by lock
  private boolean closed; // guarded by lock

  GroupCommit(Runnable flush, String name) {
    this.flush = flush;
    this.committer = new Thread(this::run, name);
    committer.setDaemon(true);
    committer.start();
  }

  @Override
  public void awaitDurable() {
    synchronized (lock) {
      if (closed) {
        throw new StoreUnavailableException("the store is shutting down", null);
      }
      long ticket = ++issued;
      lock.notifyAll();
      while (processed < ticket) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StoreUnavailableException("interrupted while waiting for a commit", e);
        }
      }
      if (durable < ticket) {
        throw new StoreUnavailableException("the store could not commit", lastFailure);
      }
    }
  }

  private void run() {
    while (true) {
      long target;
      synchronized (lock) {
        while (issued == processed && !closed) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (issued == processed && closed) {
          return;
        }
        target = issued;
      }
      try {
        flush.run();
        synchronized (lock) {
          durable = target;
          processed = target;
          lock.notifyAll();
        }
      } catch (RuntimeException e) {
        synchronized (lock) {
          // Fail these callers (they must not acknowledge), keep serving later ones.
          processed = target;
          lastFailure = e;
          lock.notifyAll();
        }
      }
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    try {
      committer.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
