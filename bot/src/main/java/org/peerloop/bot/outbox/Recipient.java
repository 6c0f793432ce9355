package org.peerloop.bot.outbox;

/**
 * Who a message goes to: the contact (for its stop flag) and the channel address the sender needs
 * (a chat id, a phone number, a simulator user).
 */
public record Recipient(String contactId, String channel, String address) {

  /** One lane per chat: messages to the same chat leave in order. */
  String lane() {
    return channel + ":" + address;
  }
}
