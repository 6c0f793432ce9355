package org.peerloop.bot.schedule;

import org.peerloop.scheduler.DueHandler;

/**
 * A handler for due work of one kind that a feature outside scheduling files (a broadcast's waves):
 * declared as a bean, it is registered with the due-work runner by its {@link #kind()}.
 */
public interface DueKind extends DueHandler {

  String kind();
}
