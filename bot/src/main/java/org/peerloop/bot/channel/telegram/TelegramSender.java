package org.peerloop.bot.channel.telegram;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.peerloop.bot.outbox.ChannelSender;
import org.peerloop.bot.outbox.OutboundMessage;
import org.peerloop.bot.outbox.Priority;
import org.peerloop.bot.outbox.SendResult;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageReplyMarkup;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Outbound messages to {@code sendMessage}: plain text (no parse mode, so nothing a person or a
 * facilitator writes can break the markup), split at Telegram's limit, buttons as an inline
 * keyboard on the last part. A group that became a supergroup is followed to its new id.
 */
@Component
@Conditional(TelegramEnabled.class)
class TelegramSender implements ChannelSender {

  private final TelegramClient client;
  private final OpenKeyboards keyboards;
  private final GroupMigrations migrations;
  // Parts of a split message already accepted, so a retry sends only the rest. In memory: after
  // a crash the whole message may repeat, which is the outbox's documented at-least-once.
  private final Map<String, Integer> partsSent = new ConcurrentHashMap<>();

  TelegramSender(TelegramClient client, OpenKeyboards keyboards, GroupMigrations migrations) {
    this.client = client;
    this.keyboards = keyboards;
    this.migrations = migrations;
  }

  @Override
  public String channel() {
    return UpdateTranslator.CHANNEL;
  }

  @Override
  public boolean group(String address) {
    return address.startsWith("-");
  }

  @Override
  public SendResult send(OutboundMessage message) {
    if (message.priority() == Priority.INTERACTIVE) {
      closeOpenKeyboard(migrations.current(message.to().address()));
    }
    List<String> parts = TextParts.split(message.text());
    Message last = null;
    int i = partsSent.getOrDefault(message.id(), 0);
    int followed = 0;
    while (i < parts.size()) {
      String chat = migrations.current(message.to().address());
      SendMessage.SendMessageBuilder<?, ?> request =
          SendMessage.builder().chatId(chat).text(parts.get(i));
      if (i == parts.size() - 1 && !message.buttons().isEmpty()) {
        request.replyMarkup(Keyboards.of(message.buttons()));
      }
      try {
        last = client.execute(request.build());
        i++;
      } catch (TelegramApiException e) {
        String movedTo = Failures.migratedTo(e);
        if (movedTo != null && !movedTo.equals(chat) && followed++ < 2) {
          migrations.moved(chat, movedTo); // and the same part again, to the supergroup
          continue;
        }
        SendResult result = Failures.of(e);
        if (i > 0 && result instanceof SendResult.RetryLater) {
          partsSent.put(message.id(), i);
        } else {
          partsSent.remove(message.id());
        }
        return result;
      }
    }
    partsSent.remove(message.id());
    if (last == null) {
      return new SendResult.Sent(null);
    }
    if (!message.buttons().isEmpty() && last.getChatId() != null) {
      keyboards.opened(last.getChatId(), last.getMessageId());
    }
    return new SendResult.Sent(String.valueOf(last.getMessageId()));
  }

  /**
   * A reply means the conversation moved on, so the chat's last keyboard goes; usually the inbound
   * side has already taken it, but a person typing faster than our send returned can leave it
   * behind. Best effort: a keyboard left on screen is harmless (a tap on it is stale).
   */
  private void closeOpenKeyboard(String chat) {
    long chatId;
    try {
      chatId = Long.parseLong(chat);
    } catch (NumberFormatException e) {
      return;
    }
    Integer open = keyboards.take(chatId);
    if (open == null) {
      return;
    }
    try {
      client.execute(
          EditMessageReplyMarkup.builder()
              .chatId(chatId)
              .messageId(open)
              .replyMarkup(Keyboards.none())
              .build());
    } catch (TelegramApiException | RuntimeException e) {
      // already gone, too old to edit, or Telegram busy: nothing to do
    }
  }
}
