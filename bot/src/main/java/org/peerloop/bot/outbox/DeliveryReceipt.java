package org.peerloop.bot.outbox;

import java.time.Instant;

/**
 * A platform's later word on a message it accepted (Twilio's status callbacks): {@code status} is
 * {@code delivered}, {@code read}, {@code failed} or {@code undelivered}; {@code reason} the
 * platform's error, if any. Published as an application event by the channel that hears it.
 */
public record DeliveryReceipt(String messageId, String status, String reason, Instant at) {}
