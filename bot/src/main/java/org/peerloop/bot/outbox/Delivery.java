package org.peerloop.bot.outbox;

/**
 * Where one message ended, told to every {@link DeliveryListener} once its record is durable.
 * {@code platformId} is the platform's id for a sent message (a Telegram message id, a Twilio SID),
 * when it gave one; {@code reason} says why a message failed, was skipped or is unknown.
 */
public record Delivery(
    String messageId, Recipient to, FinalState state, String reason, String platformId) {}
