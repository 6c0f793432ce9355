package org.peerloop.bot.broadcast;

/** Every recipient of the broadcast is settled: published once, when it becomes done. */
record BroadcastFinished(String broadcast) {}
