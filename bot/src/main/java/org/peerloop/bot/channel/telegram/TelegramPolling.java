package org.peerloop.bot.channel.telegram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.peerloop.bot.config.PeerLoopProperties;
import org.peerloop.bot.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Long polling, our own {@code getUpdates} loop over the library's client. The library's session
 * confirms a batch (by asking for the next offset) before its consumer has stored it, so a kill -9
 * could lose updates; here the offset moves past an update only once it is durable. A batch is
 * worked on chat by chat in parallel, each chat's updates in order.
 */
@Component
@Conditional(TelegramEnabled.class)
class TelegramPolling implements SmartLifecycle {

  static final List<String> ALLOWED_UPDATES =
      List.of("message", "edited_message", "callback_query", "my_chat_member");

  private static final Logger log = LoggerFactory.getLogger(TelegramPolling.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final TelegramClient client;
  private final TelegramInbound inbound;
  private final boolean enabled;
  private final ReentrantLock working = new ReentrantLock();
  private final ExecutorService chats;
  private volatile boolean running;
  private Thread thread;

  TelegramPolling(TelegramClient client, TelegramInbound inbound, PeerLoopProperties properties) {
    this.client = client;
    this.inbound = inbound;
    this.enabled = !"webhook".equalsIgnoreCase(properties.telegram().mode().strip());
    AtomicInteger n = new AtomicInteger();
    this.chats =
        Executors.newFixedThreadPool(
            8,
            r -> {
              Thread t = new Thread(r, "telegram-chat-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public void start() {
    running = true; // polling itself waits for the app to be ready, see begin()
  }

  /**
   * Polling begins once the app is ready, after the outbox has recovered what a previous run left
   * (recovery drops pending replies whose cause is not committed, which must not race with new
   * updates being handled).
   */
  @EventListener(ApplicationReadyEvent.class)
  @Order(Ordered.LOWEST_PRECEDENCE)
  void begin() {
    if (!enabled || !running || thread != null) {
      return;
    }
    thread = new Thread(this::poll, "telegram-poll");
    thread.setDaemon(true);
    thread.start();
  }

  private void poll() {
    boolean webhookCleared = false;
    int offset = 0;
    Duration backoff = Duration.ofSeconds(1);
    while (running) {
      try {
        if (!webhookCleared) {
          // getUpdates is refused while a webhook is set (say, from an earlier run in webhook
          // mode).
          client.execute(DeleteWebhook.builder().dropPendingUpdates(false).build());
          webhookCleared = true;
        }
        List<Update> batch =
            client.execute(
                GetUpdates.builder()
                    .offset(offset)
                    .limit(100)
                    .timeout(TelegramClients.POLL_SECONDS)
                    .allowedUpdates(ALLOWED_UPDATES)
                    .build());
        if (!running) {
          return; // not handled: Telegram sends the batch again after the restart
        }
        if (!batch.isEmpty()) {
          offset = handle(batch);
        }
        backoff = Duration.ofSeconds(1);
      } catch (TelegramApiException | RuntimeException e) {
        if (!running) {
          return;
        }
        if (e instanceof TelegramApiRequestException r
            && r.getErrorCode() != null
            && r.getErrorCode() == 409) {
          webhookCleared = false;
        }
        log.warn("telegram polling: {}; again in {} s", describe(e), backoff.toSeconds());
        sleep(backoff);
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
      }
    }
  }

  /**
   * Handles a batch and answers the offset to confirm it with: past the whole batch, or up to the
   * first update the store could not take (those after it come again and are recognised).
   */
  int handle(List<Update> batch) {
    working.lock();
    try {
      Map<Long, List<Update>> byChat = new LinkedHashMap<>();
      for (Update u : batch) {
        byChat.computeIfAbsent(chatOf(u), k -> new ArrayList<>()).add(u);
      }
      Map<List<Update>, Future<Integer>> work = new LinkedHashMap<>();
      for (List<Update> updates : byChat.values()) {
        work.put(updates, chats.submit(() -> handleInOrder(updates)));
      }
      int firstFailed = Integer.MAX_VALUE;
      for (Map.Entry<List<Update>, Future<Integer>> w : work.entrySet()) {
        firstFailed = Math.min(firstFailed, join(w.getValue(), w.getKey().get(0).getUpdateId()));
      }
      int last = batch.stream().mapToInt(Update::getUpdateId).max().orElseThrow();
      if (firstFailed != Integer.MAX_VALUE) {
        log.warn("telegram polling: the store refused update {}; it will come again", firstFailed);
        sleep(Duration.ofSeconds(1));
        return firstFailed;
      }
      return last + 1;
    } finally {
      working.unlock();
    }
  }

  /** Answers the id of the first update the store refused, or MAX_VALUE when all are durable. */
  private int handleInOrder(List<Update> updates) {
    for (Update u : updates) {
      try {
        inbound.handle(u);
      } catch (StoreUnavailableException e) {
        return u.getUpdateId();
      } catch (RuntimeException e) {
        // A bug on one update must not stall every chat behind it forever: logged and passed.
        log.error("telegram update {} could not be handled", u.getUpdateId(), e);
      }
    }
    return Integer.MAX_VALUE;
  }

  /** The chat's first refused update; when unknown, its first update, to be safe. */
  private static int join(Future<Integer> f, int first) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return first;
    } catch (ExecutionException e) {
      log.error("telegram polling: a chat's updates failed", e.getCause());
      return first;
    }
  }

  private static long chatOf(Update u) {
    if (u.getMessage() != null && u.getMessage().getChat() != null) {
      return u.getMessage().getChat().getId();
    }
    if (u.getCallbackQuery() != null
        && u.getCallbackQuery().getMessage() != null
        && u.getCallbackQuery().getMessage().getChatId() != null) {
      return u.getCallbackQuery().getMessage().getChatId();
    }
    if (u.getEditedMessage() != null && u.getEditedMessage().getChat() != null) {
      return u.getEditedMessage().getChat().getId();
    }
    return 0;
  }

  private static String describe(Exception e) {
    return e instanceof TelegramApiRequestException r && r.getErrorCode() != null
        ? r.getErrorCode() + " " + r.getApiResponse()
        : e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
    // Let a batch being handled finish before the store closes behind it.
    try {
      if (working.tryLock(10, TimeUnit.SECONDS)) {
        working.unlock();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    chats.shutdown();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
