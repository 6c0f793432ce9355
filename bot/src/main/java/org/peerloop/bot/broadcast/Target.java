package org.peerloop.bot.broadcast;

/**
 * One person a broadcast is for, as found when it was confirmed: where to reach them, in which
 * language and organisation, and {@code skip} (why nothing will go, e.g. {@code stopped}) or null.
 */
record Target(
    String member,
    String contact,
    String channel,
    String address,
    String organisation,
    String language,
    String zone,
    String skip) {}
