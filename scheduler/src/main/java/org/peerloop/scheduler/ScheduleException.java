package org.peerloop.scheduler;

/** A schedule or cadence that cannot be used, with a message fit to show the person who sent it. */
public class ScheduleException extends IllegalArgumentException {

  public ScheduleException(String message) {
    super(message);
  }
}
