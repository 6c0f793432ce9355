package org.peerloop.bot.conversation;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One person's messages are handled one at a time, in arrival order: a fair lock per stripe of
 * contact ids. The embedded store is single-instance, and conditional filters would scan (see the
 * filter audit), so ordering is kept here rather than by compare-and-set in the store.
 */
final class PersonLocks {

  private final ReentrantLock[] stripes;

  PersonLocks(int stripes) {
    this.stripes = new ReentrantLock[stripes];
    for (int i = 0; i < stripes; i++) {
      this.stripes[i] = new ReentrantLock(true);
    }
  }

  <T> T with(String contactId, Supplier<T> work) {
    ReentrantLock lock = stripes[Math.floorMod(contactId.hashCode(), stripes.length)];
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }
}
