package org.peerloop.bot.outbox;

/**
 * Who a message goes to: the contact (for its stop flag) and the channel address the sender needs
 * (a chat id, a phone number, a simulator user).
 */
public record Recipient(String contactId, String channel, String address) {

  /**
   * The contact id of a last word: the confirmation of /stop, the goodbye after /forget. It names
   * no contact, so the stop flag (or the erased contact) does not swallow it and nothing personal
   * is left in the log.
   */
  public static final String LAST_WORD = "last-word";

  public static Recipient lastWord(String channel, String address) {
    return new Recipient(LAST_WORD, channel, address);
  }

  /** One lane per chat: messages to the same chat leave in order. */
  String lane() {
    return channel + ":" + address;
  }
}
