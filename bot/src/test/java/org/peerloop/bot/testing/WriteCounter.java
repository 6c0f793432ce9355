package org.peerloop.bot.testing;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Counts the write commands one thread sends to the store (the driver calls listeners on the
 * calling thread), so the hot path of a request can be counted apart from background work such as
 * the outbox dispatcher's.
 */
public final class WriteCounter implements CommandListener {

  private static final Set<String> WRITES =
      Set.of("insert", "update", "delete", "findAndModify", "findandmodify");
  private final List<String> writes = new CopyOnWriteArrayList<>();
  private volatile Thread watched;

  @Override
  public void commandStarted(CommandStartedEvent event) {
    if (Thread.currentThread() == watched && WRITES.contains(event.getCommandName())) {
      writes.add(
          event.getCommandName()
              + " "
              + event.getCommand().getString(event.getCommandName()).getValue());
    }
  }

  /** Starts counting the writes of the current thread, forgetting earlier ones. */
  public void watchThisThread() {
    writes.clear();
    watched = Thread.currentThread();
  }

  public List<String> writes() {
    return List.copyOf(writes);
  }
}
