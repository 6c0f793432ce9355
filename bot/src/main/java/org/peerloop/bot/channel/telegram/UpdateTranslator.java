package org.peerloop.bot.channel.telegram;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.peerloop.bot.conversation.InboundMessage;
import org.peerloop.content.engine.Input;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.MessageEntity;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMemberUpdated;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.photo.PhotoSize;

/**
 * Updates in, channel-neutral messages out. De-duplication uses {@code update_id}, which Telegram
 * keeps for a redelivered update; a message id is only unique within one chat and is never used.
 */
final class UpdateTranslator {

  static final String CHANNEL = "telegram";

  /** Longer texts are cut, not refused: Telegram itself allows 4,096 characters. */
  static final int MAX_TEXT = 4096;

  private final Supplier<String> botUsername;

  /**
   * {@code botUsername} (without @; null while not yet known) tells commands for us from commands
   * for other bots.
   */
  UpdateTranslator(Supplier<String> botUsername) {
    this.botUsername = botUsername;
  }

  Translated translate(Update update, Instant receivedAt) {
    String id = String.valueOf(update.getUpdateId());
    if (update.getCallbackQuery() != null) {
      return tap(update.getCallbackQuery(), id, receivedAt);
    }
    ChatMemberUpdated membership = update.getMyChatMember();
    if (membership != null) {
      return membership(membership);
    }
    Message m = update.getMessage();
    if (m == null) {
      if (update.getEditedMessage() != null) {
        // An edit would re-answer a question already moved past; people send a new message.
        return new Translated.Ignored("edited message");
      }
      return new Translated.Ignored("update without a message");
    }
    if (m.getMigrateToChatId() != null) {
      return new Translated.GroupMigrated(m.getChat().getId(), m.getMigrateToChatId());
    }
    User from = m.getFrom();
    if (from == null || Boolean.TRUE.equals(from.getIsBot())) {
      return new Translated.Ignored("not from a person");
    }
    String type = m.getChat() == null ? "" : m.getChat().getType();
    if ("group".equals(type) || "supergroup".equals(type)) {
      return group(update.getUpdateId(), m, from);
    }
    if (!"private".equals(type)) {
      return new Translated.Ignored("chat type " + type);
    }
    Input input = input(m);
    if (input == null) {
      return new Translated.Ignored("nothing we can read (sticker, location, …)");
    }
    long chatId = m.getChat().getId();
    return new Translated.Message(
        new InboundMessage(CHANNEL, String.valueOf(chatId), id, input, receivedAt),
        chatId,
        from.getLanguageCode());
  }

  /** The bot's own membership of a chat changed: only leaving a group matters to us. */
  private static Translated membership(ChatMemberUpdated change) {
    String type = change.getChat() == null ? "" : change.getChat().getType();
    String status = change.getNewChatMember() == null ? "" : change.getNewChatMember().getStatus();
    if (("group".equals(type) || "supergroup".equals(type))
        && ("left".equals(status) || "kicked".equals(status))) {
      return new Translated.LeftGroup(change.getChat().getId());
    }
    return new Translated.Ignored("membership change: " + type + " " + status);
  }

  private static Translated tap(CallbackQuery q, String id, Instant receivedAt) {
    String language = q.getFrom() == null ? null : q.getFrom().getLanguageCode();
    MaybeInaccessibleMessage message = q.getMessage();
    String data = q.getData();
    if (message == null || message.getChatId() == null || data == null || data.isEmpty()) {
      return new Translated.DeadTap(q.getId(), language);
    }
    if (message.getChat() != null && !"private".equals(message.getChat().getType())) {
      return new Translated.DeadTap(q.getId(), language); // we put no answer buttons in groups
    }
    long chatId = message.getChatId();
    return new Translated.Tap(
        new InboundMessage(CHANNEL, String.valueOf(chatId), id, new Input.Tap(data), receivedAt),
        q.getId(),
        chatId,
        message.getMessageId(),
        language);
  }

  private Translated group(long updateId, Message m, User from) {
    String text = m.getText();
    if (text == null || !startsWithCommand(m)) {
      return new Translated.Ignored("group message that is not a command");
    }
    String head = text.strip().split("\\s+", 2)[0];
    int at = head.indexOf('@');
    String us = botUsername.get();
    if (at >= 0 && (us == null || !head.substring(at + 1).equalsIgnoreCase(us))) {
      return new Translated.Ignored("command for another bot");
    }
    String name = (at >= 0 ? head.substring(1, at) : head.substring(1)).toLowerCase(Locale.ROOT);
    String rest = text.strip().substring(head.length()).strip();
    return new Translated.GroupCommand(
        updateId, m.getChat().getId(), from.getId(), name, rest, from.getLanguageCode());
  }

  private static boolean startsWithCommand(Message m) {
    List<MessageEntity> entities = m.getEntities();
    if (entities == null) {
      return false;
    }
    return entities.stream().anyMatch(e -> "bot_command".equals(e.getType()) && e.getOffset() == 0);
  }

  /** Text, or a voice note, photo or file as a media reference; null when neither. */
  private static Input input(Message m) {
    if (m.getText() != null) {
      String text = m.getText();
      return new Input.Text(text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text);
    }
    if (m.getVoice() != null) {
      return media(m.getVoice().getFileId(), m.getVoice().getMimeType(), "audio/ogg");
    }
    if (m.getPhoto() != null && !m.getPhoto().isEmpty()) {
      // Telegram sends several sizes; the last is the largest.
      PhotoSize largest = m.getPhoto().get(m.getPhoto().size() - 1);
      return media(largest.getFileId(), null, "image/jpeg");
    }
    if (m.getAudio() != null) {
      return media(m.getAudio().getFileId(), m.getAudio().getMimeType(), "audio/mpeg");
    }
    if (m.getDocument() != null) {
      return media(
          m.getDocument().getFileId(), m.getDocument().getMimeType(), "application/octet-stream");
    }
    if (m.getVideo() != null) {
      return media(m.getVideo().getFileId(), m.getVideo().getMimeType(), "video/mp4");
    }
    if (m.getVideoNote() != null) {
      return media(m.getVideoNote().getFileId(), null, "video/mp4");
    }
    return null;
  }

  private static Input media(String fileId, String mimeType, String fallback) {
    return new Input.Media(
        "telegram-file:" + fileId, mimeType == null || mimeType.isBlank() ? fallback : mimeType);
  }
}
