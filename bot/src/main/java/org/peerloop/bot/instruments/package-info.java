/**
 * The peer-learning instruments once a run ends: partnership health (stored anonymously), reported
 * changes and their review by facilitators, pause-and-reflect journals and weekly check-ins; the
 * keyed rollups that summaries read instead of raw answers; and the views built on them (/results,
 * /quiet). Depends on people, contact and outbox; the conversation package calls in.
 */
package org.peerloop.bot.instruments;
