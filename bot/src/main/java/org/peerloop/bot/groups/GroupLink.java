package org.peerloop.bot.groups;

import java.time.Instant;

/**
 * A partnership's group chat, where the bot posts what is meant for everyone (key messages,
 * summaries) and never asks anyone anything. {@code linkedBy} is the member who linked it, null
 * once they asked to be forgotten.
 */
public record GroupLink(
    String partnership, String channel, String address, String linkedBy, Instant linkedAt) {}
