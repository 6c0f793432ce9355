package org.peerloop.bot.channel.telegram;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.peerloop.bot.groups.GroupLinks;
import org.peerloop.bot.outbox.Attachment;
import org.peerloop.bot.outbox.Attachments;
import org.peerloop.bot.outbox.ChannelSender;
import org.peerloop.bot.outbox.OutboundMessage;
import org.peerloop.bot.outbox.Priority;
import org.peerloop.bot.outbox.SendResult;
import org.peerloop.bot.outbox.TextParts;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageReplyMarkup;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Outbound messages to {@code sendMessage}: plain text (no parse mode, so nothing a person or a
 * facilitator writes can break the markup), split at Telegram's limit, buttons as an inline
 * keyboard on the last part. A message with an attachment ends with {@code sendPhoto} or {@code
 * sendDocument} (see {@link Uploads}), which then carries the buttons. A group that became a
 * supergroup is followed to its new id.
 */
@Component
@Conditional(TelegramEnabled.class)
class TelegramSender implements ChannelSender {

  static final String FILE_GONE =
      "the attachment's file is gone (erased or cleaned up before it could be sent)";

  private final TelegramClient client;
  private final OpenKeyboards keyboards;
  private final GroupMigrations migrations;
  private final Attachments attachments;
  private final GroupLinks groups;
  // Parts of a split message already accepted, so a retry sends only the rest. In memory: after
  // a crash the whole message may repeat, which is the outbox's documented at-least-once.
  private final Map<String, Integer> partsSent = new ConcurrentHashMap<>();

  TelegramSender(
      TelegramClient client,
      OpenKeyboards keyboards,
      GroupMigrations migrations,
      Attachments attachments,
      GroupLinks groups) {
    this.groups = groups;
    this.client = client;
    this.keyboards = keyboards;
    this.migrations = migrations;
    this.attachments = attachments;
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
    Attachment attachment = message.attachment();
    File file = null;
    if (attachment != null) {
      Optional<Path> stored = attachments.open(attachment);
      if (stored.isEmpty()) {
        return new SendResult.Failed(FILE_GONE); // before any part goes: nothing half-sent
      }
      file = stored.get().toFile();
    }
    if (message.priority() == Priority.INTERACTIVE) {
      closeOpenKeyboard(migrations.current(message.to().address()));
    }
    // A file carries a short text as its caption; a long one goes first, split as usual.
    List<String> parts =
        file == null || !Uploads.fitsCaption(message.text())
            ? TextParts.split(message.text())
            : List.of();
    int steps = parts.size() + (file == null ? 0 : 1);
    Message last = null;
    int i = partsSent.getOrDefault(message.id(), 0);
    int followed = 0;
    while (i < steps) {
      String chat = migrations.current(message.to().address());
      boolean lastStep = i == steps - 1;
      InlineKeyboardMarkup keyboard =
          lastStep && !message.buttons().isEmpty() ? Keyboards.of(message.buttons()) : null;
      try {
        last =
            i < parts.size()
                ? client.execute(
                    SendMessage.builder()
                        .chatId(chat)
                        .text(parts.get(i))
                        .replyMarkup(keyboard)
                        .build())
                : sendFile(
                    chat, file, attachment, parts.isEmpty() ? message.text() : null, keyboard);
        i++;
      } catch (TelegramApiException e) {
        String movedTo = Failures.migratedTo(e);
        if (movedTo != null && !movedTo.equals(chat) && followed++ < 2) {
          migrations.moved(chat, movedTo); // and the same part again, to the supergroup
          continue;
        }
        SendResult result =
            i >= parts.size() && !file.isFile() ? new SendResult.Failed(FILE_GONE) : Failures.of(e);
        if (result instanceof SendResult.RecipientGone && group(chat)) {
          // Removed from the group: its partnerships post nowhere until a leader links again.
          groups.unlinkAll(UpdateTranslator.CHANNEL, chat);
        }
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
   * A picture as a photo, anything else as a document. A photo Telegram refuses (its dimensions,
   * say) is sent again as a document at once: the person gets the file either way.
   */
  private Message sendFile(
      String chat, File file, Attachment attachment, String text, InlineKeyboardMarkup keyboard)
      throws TelegramApiException {
    String caption = Uploads.caption(text);
    if (Uploads.asPhoto(attachment.mediaType(), file.length())) {
      try {
        return client.execute(
            SendPhoto.builder()
                .chatId(chat)
                .photo(new InputFile(file, attachment.fileName()))
                .caption(caption)
                .replyMarkup(keyboard)
                .build());
      } catch (TelegramApiException e) {
        if (!(Failures.of(e) instanceof SendResult.Failed) || Failures.migratedTo(e) != null) {
          throw e;
        }
      }
    }
    return client.execute(
        SendDocument.builder()
            .chatId(chat)
            .document(new InputFile(file, attachment.fileName()))
            .caption(caption)
            .replyMarkup(keyboard)
            .build());
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
