package org.peerloop.bot.conversation;

/** The run a context is for: its flow, the period it counts for, and what it is about. */
record Run(String flowId, String period, String subject) {}
