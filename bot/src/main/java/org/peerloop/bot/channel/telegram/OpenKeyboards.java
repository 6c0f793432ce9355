package org.peerloop.bot.channel.telegram;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The last message with buttons in each private chat, so that its keyboard can be taken away once
 * the person answers (by tapping or by typing). In memory: after a restart an old keyboard stays on
 * screen, and a tap on it is answered "this question has moved on".
 */
@Component
@Conditional(TelegramEnabled.class)
class OpenKeyboards {

  private static final int MAX_CHATS = 100_000;

  private final Map<Long, Integer> open =
      new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Integer> eldest) {
          return size() > MAX_CHATS;
        }
      };

  synchronized void opened(long chatId, int messageId) {
    open.put(chatId, messageId);
  }

  /** Forgets and answers the chat's open keyboard, or null. */
  synchronized Integer take(long chatId) {
    return open.remove(chatId);
  }

  /** Forgets the chat's open keyboard if it is on {@code messageId} (which was just tapped). */
  synchronized void closed(long chatId, int messageId) {
    open.remove(chatId, messageId);
  }
}
