package org.peerloop.bot.admin;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Admin changes to one partnership run one at a time: they read, check and write (a PATCH against a
 * ladder PUT, two imports of one file), and the store has no transactions. In-process, like the
 * conversation path: one instance per store.
 */
@Component
class PartnershipLocks {

  private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  <T> T with(String slug, Supplier<T> work) {
    ReentrantLock lock = locks.computeIfAbsent(slug, s -> new ReentrantLock());
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }
}
