package org.peerloop.bot.channel.telegram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.peerloop.bot.config.PeerLoopProperties;
import org.peerloop.content.catalog.Catalog;
import org.peerloop.content.flow.FlowLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeAllPrivateChats;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * What the bot tells Telegram once the app is up: in webhook mode, where to send updates (with the
 * secret); in every mode, the commands menu in each language. Retried in the background until
 * Telegram answers, so an unreachable Telegram never holds up start-up.
 */
@Component
@Conditional(TelegramEnabled.class)
class TelegramSetup {

  /** The peer commands, shown in every private chat; descriptions are bot.command-NAME texts. */
  static final List<String> PEER_COMMANDS =
      List.of(
          "checkin",
          "health",
          "change",
          "reflect",
          "results",
          "pause",
          "resume",
          "schedule",
          "language",
          "timezone",
          "mydata",
          "forget",
          "stop",
          "help");

  private static final Logger log = LoggerFactory.getLogger(TelegramSetup.class);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration MAX_RETRY = Duration.ofMinutes(5);

  private final TelegramClient client;
  private final PeerLoopProperties.Telegram telegram;
  private final String publicUrl;
  private final Catalog catalog;
  private volatile Thread worker;

  TelegramSetup(TelegramClient client, PeerLoopProperties properties, FlowLibrary flows) {
    this.client = client;
    this.telegram = properties.telegram();
    this.publicUrl = properties.publicUrl();
    this.catalog = flows.catalog();
  }

  interface Step {
    void run() throws TelegramApiException;
  }

  record Task(String name, Step step) {}

  @EventListener(ApplicationReadyEvent.class)
  void onReady() {
    List<Task> tasks = new ArrayList<>();
    if ("webhook".equalsIgnoreCase(telegram.mode().strip())) {
      tasks.add(new Task("setWebhook", this::registerWebhook));
    }
    for (SetMyCommands menu : menus()) {
      tasks.add(
          new Task(
              "setMyCommands " + (menu.getLanguageCode() == null ? "" : menu.getLanguageCode()),
              () -> client.execute(menu)));
    }
    worker = new Thread(() -> runAll(tasks), "telegram-setup");
    worker.setDaemon(true);
    worker.start();
  }

  private void registerWebhook() throws TelegramApiException {
    String base = publicUrl.strip().replaceAll("/+$", "");
    client.execute(
        SetWebhook.builder()
            .url(base + TelegramWebhookController.PATH)
            .secretToken(telegram.webhookSecret().strip())
            .allowedUpdates(TelegramPolling.ALLOWED_UPDATES)
            .build());
    log.info("telegram webhook registered at {}{}", base, TelegramWebhookController.PATH);
  }

  /** One menu per language, and the English one again as the default for everyone else. */
  List<SetMyCommands> menus() {
    List<SetMyCommands> menus = new ArrayList<>();
    for (String language : catalog.languages()) {
      menus.add(menu(language, language));
    }
    menus.add(menu(Catalog.REFERENCE, null));
    return menus;
  }

  private SetMyCommands menu(String language, String languageCode) {
    List<BotCommand> commands = new ArrayList<>();
    for (String name : PEER_COMMANDS) {
      commands.add(new BotCommand(name, catalog.text(language, "bot.command-" + name)));
    }
    SetMyCommands.SetMyCommandsBuilder<?, ?> b =
        SetMyCommands.builder()
            .commands(commands)
            .scope(BotCommandScopeAllPrivateChats.builder().build());
    if (languageCode != null) {
      b.languageCode(languageCode);
    }
    return b.build();
  }

  private void runAll(List<Task> tasks) {
    for (Task task : tasks) {
      Duration wait = FIRST_RETRY;
      while (!Thread.currentThread().isInterrupted()) {
        try {
          task.step().run();
          break;
        } catch (TelegramApiException | RuntimeException e) {
          log.warn(
              "telegram {} failed ({}); again in {} s",
              task.name(),
              e.getMessage(),
              wait.toSeconds());
          try {
            Thread.sleep(wait.toMillis());
          } catch (InterruptedException stop) {
            return;
          }
          wait = wait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait.multipliedBy(2);
        }
      }
    }
  }
}
