package org.peerloop.bot.channel.telegram;

import java.time.Duration;
import java.util.Locale;
import org.peerloop.bot.outbox.SendResult;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * What a refused Bot API call means for the outbox. Telegram's descriptions are the only way to
 * tell "blocked by the user" from other 403s; they have been stable for years and are matched
 * loosely.
 */
final class Failures {

  private Failures() {}

  static SendResult of(TelegramApiException e) {
    if (!(e instanceof TelegramApiRequestException r) || r.getErrorCode() == null) {
      // A refused connection never carried the message; a timeout or a reset may have.
      return new SendResult.RetryLater(
          Duration.ZERO, "network: " + rootMessage(e), refusedConnection(e));
    }
    Integer retryAfter = r.getParameters() == null ? null : r.getParameters().getRetryAfter();
    return of(r.getErrorCode(), r.getApiResponse(), retryAfter);
  }

  static SendResult of(int code, String description, Integer retryAfter) {
    String d = description == null ? "" : description;
    String lower = d.toLowerCase(Locale.ROOT);
    String reason = code + " " + d;
    if (code == 429) {
      long seconds = retryAfter == null || retryAfter < 1 ? 1 : retryAfter;
      return new SendResult.RetryLater(Duration.ofSeconds(seconds), reason, true);
    }
    if (code == 403) {
      // Blocked, deactivated, kicked from or no longer in the group: the chat is gone for us.
      return new SendResult.RecipientGone(reason);
    }
    if (code == 400
        && (lower.contains("chat not found")
            || lower.contains("user not found")
            || lower.contains("peer_id_invalid"))) {
      return new SendResult.RecipientGone(reason);
    }
    if (code >= 500 || code == 401 || code == 404 || code == 409) {
      // Telegram trouble, or a token revoked mid-run: worth retrying with backoff, not forever.
      // A 5xx may come after the message went out; the token errors never send anything.
      return new SendResult.RetryLater(Duration.ZERO, reason, code < 500);
    }
    return new SendResult.Failed(reason);
  }

  /** The supergroup a group became, when that is why Telegram refused; else null. */
  static String migratedTo(TelegramApiException e) {
    return e instanceof TelegramApiRequestException r
            && r.getParameters() != null
            && r.getParameters().getMigrateToChatId() != null
        ? String.valueOf(r.getParameters().getMigrateToChatId())
        : null;
  }

  static boolean refusedConnection(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.net.ConnectException
          || t instanceof java.net.UnknownHostException
          || t instanceof java.net.NoRouteToHostException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}
