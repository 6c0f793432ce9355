/**
 * Scheduling in the bot: each partnership's schedule, the roster the planner reads, the handlers
 * that turn due work into nudges and wake-ups, pauses with an end date, facilitator controls, and
 * the Quartz jobs that drive it all.
 */
package org.peerloop.bot.schedule;
