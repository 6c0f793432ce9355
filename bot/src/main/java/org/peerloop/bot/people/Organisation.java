package org.peerloop.bot.people;

/** One of the organisations in a partnership, e.g. a county government or a ministry. */
public record Organisation(String slug, String name) {}
