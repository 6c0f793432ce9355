package org.peerloop.bot.channel.telegram;

import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.peerloop.bot.contact.Contact;
import org.peerloop.bot.contact.ContactStore;
import org.peerloop.bot.conversation.ConversationService;
import org.peerloop.bot.conversation.Receipt;
import org.peerloop.bot.groups.GroupLinks;
import org.peerloop.bot.ops.Redact;
import org.peerloop.content.catalog.Catalog;
import org.peerloop.content.flow.FlowLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageReplyMarkup;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * One update, from the webhook or from polling, into the conversation service. When {@link #handle}
 * returns, everything the update caused is durable and Telegram may be told so; it throws only when
 * that could not be made true (the store is down), so that the update comes again.
 *
 * <p>Two calls go to Telegram directly rather than through the outbox, because they are not
 * messages to a person but the acknowledgement of what the person just did: answering a button tap
 * (Telegram shows a spinner until then) and taking the keyboard off an answered question. Both are
 * best effort, on a small pool of their own, never holding up the update.
 */
@Component
@Conditional(TelegramEnabled.class)
class TelegramInbound {

  private static final Logger log = LoggerFactory.getLogger(TelegramInbound.class);

  private final ConversationService conversations;
  private final ContactStore contacts;
  private final TelegramClient client;
  private final OpenKeyboards keyboards;
  private final GroupMigrations migrations;
  private final GroupCommands groupCommands;
  private final GroupLinks groups;
  private final BotIdentity identity;
  private final Catalog catalog;
  private final Clock clock;
  private final UpdateTranslator translator;
  private final ThreadPoolExecutor acknowledgements =
      new ThreadPoolExecutor(
          2,
          2,
          30,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(10_000),
          r -> {
            Thread t = new Thread(r, "telegram-ack");
            t.setDaemon(true);
            return t;
          },
          new ThreadPoolExecutor.DiscardOldestPolicy());

  TelegramInbound(
      ConversationService conversations,
      ContactStore contacts,
      TelegramClient client,
      OpenKeyboards keyboards,
      GroupMigrations migrations,
      GroupCommands groupCommands,
      GroupLinks groups,
      BotIdentity identity,
      FlowLibrary flows,
      Clock clock) {
    this.conversations = conversations;
    this.contacts = contacts;
    this.client = client;
    this.keyboards = keyboards;
    this.migrations = migrations;
    this.groupCommands = groupCommands;
    this.groups = groups;
    this.identity = identity;
    this.catalog = flows.catalog();
    this.clock = clock;
    this.translator = new UpdateTranslator(identity::username);
  }

  void handle(Update update) {
    Translated t = translator.translate(update, clock.instant());
    if (t instanceof Translated.Message m) {
      Integer open = keyboards.take(m.chatId());
      conversations.receive(m.inbound());
      if (open != null) {
        removeKeyboard(m.chatId(), open);
      }
    } else if (t instanceof Translated.Tap tap) {
      keyboards.closed(tap.chatId(), tap.messageId());
      Receipt receipt = conversations.receive(tap.inbound());
      String toast =
          receipt == Receipt.STALE
              ? text(language(tap.chatId(), tap.language()), "button-moved-on")
              : null;
      answer(tap.callbackId(), toast);
      removeKeyboard(tap.chatId(), tap.messageId());
    } else if (t instanceof Translated.DeadTap dead) {
      answer(dead.callbackId(), text(supported(dead.language()), "button-moved-on"));
    } else if (t instanceof Translated.GroupCommand command) {
      groupCommands.handle(command, language(command.userId(), command.language()));
    } else if (t instanceof Translated.GroupMigrated moved) {
      migrations.moved(String.valueOf(moved.from()), String.valueOf(moved.to()));
    } else if (t instanceof Translated.LeftGroup left) {
      String chat = migrations.current(String.valueOf(left.chatId()));
      groups
          .unlinkAll(UpdateTranslator.CHANNEL, chat)
          .forEach(
              l ->
                  log.info(
                      "telegram group {} unlinked from {}: the bot was removed",
                      Redact.id(chat),
                      l.partnership()));
    } else if (t instanceof Translated.Ignored ignored) {
      log.debug("telegram update {} ignored: {}", update.getUpdateId(), ignored.why());
    }
  }

  private String language(long chatId, String telegramLanguage) {
    try {
      return contacts
          .find(Contact.idOf(UpdateTranslator.CHANNEL, String.valueOf(chatId)))
          .map(Contact::language)
          .orElseGet(() -> supported(telegramLanguage));
    } catch (RuntimeException e) {
      return supported(telegramLanguage);
    }
  }

  /** Telegram's language code ("sw", "fr-FR", "pt-br"…) when we speak it, else English. */
  private String supported(String telegramLanguage) {
    if (telegramLanguage == null || telegramLanguage.length() < 2) {
      return Catalog.REFERENCE;
    }
    String base = telegramLanguage.substring(0, 2).toLowerCase(java.util.Locale.ROOT);
    return catalog.languages().contains(base) ? base : Catalog.REFERENCE;
  }

  private String text(String language, String key) {
    return catalog.text(language, "bot." + key);
  }

  private void answer(String callbackId, String text) {
    AnswerCallbackQuery.AnswerCallbackQueryBuilder<?, ?> answer =
        AnswerCallbackQuery.builder().callbackQueryId(callbackId);
    if (text != null) {
      answer.text(text);
    }
    AnswerCallbackQuery call = answer.build();
    acknowledge("answerCallbackQuery", () -> client.execute(call));
  }

  private void removeKeyboard(long chatId, int messageId) {
    EditMessageReplyMarkup call =
        EditMessageReplyMarkup.builder()
            .chatId(chatId)
            .messageId(messageId)
            .replyMarkup(Keyboards.none())
            .build();
    acknowledge("editMessageReplyMarkup", () -> client.execute(call));
  }

  private interface Call {
    void run() throws TelegramApiException;
  }

  private void acknowledge(String what, Call call) {
    acknowledgements.execute(
        () -> {
          try {
            call.run();
          } catch (TelegramApiException | RuntimeException e) {
            // The keyboard stays, or the spinner times out; the answer itself is safe.
            log.debug("telegram {} failed: {}", what, Redact.numbers(String.valueOf(e)));
          }
        });
  }
}
