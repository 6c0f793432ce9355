package org.peerloop.bot.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Refuses a half-configured app at start, with one line per problem naming the variable to fix. A
 * channel given only some of its settings would otherwise start and fail on the first message.
 */
final class ConfigurationCheck {

  private static final Pattern TELEGRAM_SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");
  private static final Pattern WHATSAPP_FROM = Pattern.compile("whatsapp:\\+[1-9][0-9]{6,14}");

  private ConfigurationCheck() {}

  static void requireValid(
      String mongodbUri,
      Path dataDir,
      String adminToken,
      String publicUrl,
      PeerLoopProperties.Store store,
      PeerLoopProperties.Telegram telegram,
      PeerLoopProperties.Twilio twilio) {
    List<String> problems = new ArrayList<>();
    if (set(mongodbUri)
        && !mongodbUri.startsWith("mongodb://")
        && !mongodbUri.startsWith("mongodb+srv://")) {
      problems.add("PEERLOOP_MONGODB_URI must start with mongodb:// or mongodb+srv://");
    }
    if (!set(mongodbUri) && dataDir == null) {
      problems.add("PEERLOOP_DATA_DIR is empty: the embedded store needs a directory");
    }
    if (set(adminToken) && adminToken.strip().length() < 16) {
      problems.add("PEERLOOP_ADMIN_TOKEN is too short: use at least 16 characters");
    }
    if (set(publicUrl) && !httpUrl(publicUrl)) {
      problems.add(
          "PEERLOOP_PUBLIC_URL must be an absolute http(s) URL, e.g. https://bot.example.org");
    }
    if (store != null && store.autoCommitMs() < 10) {
      problems.add("peerloop.store.auto-commit-ms must be at least 10");
    }
    if (telegram != null) {
      checkTelegram(telegram, publicUrl, problems);
    }
    if (twilio != null) {
      checkTwilio(twilio, publicUrl, problems);
    }
    if (!problems.isEmpty()) {
      throw new InvalidConfigurationException(problems);
    }
  }

  private static void checkTelegram(
      PeerLoopProperties.Telegram t, String publicUrl, List<String> problems) {
    String mode = t.mode() == null ? "polling" : t.mode().strip().toLowerCase();
    if (!mode.equals("polling") && !mode.equals("webhook")) {
      problems.add("PEERLOOP_TELEGRAM_MODE must be polling or webhook, not '" + t.mode() + "'");
    }
    if (!httpUrl(t.apiUrl())) {
      problems.add("PEERLOOP_TELEGRAM_API_URL must be an absolute http(s) URL");
    }
    if (!t.enabled()) {
      if (set(t.webhookSecret())) {
        problems.add(
            "PEERLOOP_TELEGRAM_TOKEN is missing (PEERLOOP_TELEGRAM_WEBHOOK_SECRET is set)");
      }
      return;
    }
    if (mode.equals("webhook")) {
      if (!set(publicUrl)) {
        problems.add("PEERLOOP_PUBLIC_URL is missing (PEERLOOP_TELEGRAM_MODE is webhook)");
      }
      if (!set(t.webhookSecret())) {
        problems.add(
            "PEERLOOP_TELEGRAM_WEBHOOK_SECRET is missing (PEERLOOP_TELEGRAM_MODE is webhook)");
      }
    }
    if (set(t.webhookSecret()) && !TELEGRAM_SECRET.matcher(t.webhookSecret()).matches()) {
      problems.add(
          "PEERLOOP_TELEGRAM_WEBHOOK_SECRET may hold only A-Z, a-z, 0-9, _ and - (1 to 256)");
    }
  }

  private static void checkTwilio(
      PeerLoopProperties.Twilio t, String publicUrl, List<String> problems) {
    boolean anySet = set(t.accountSid()) || set(t.authToken()) || set(t.from());
    if (!anySet) {
      return;
    }
    String given =
        set(t.accountSid())
            ? "PEERLOOP_TWILIO_ACCOUNT_SID"
            : set(t.authToken()) ? "PEERLOOP_TWILIO_AUTH_TOKEN" : "PEERLOOP_TWILIO_FROM";
    if (!set(t.accountSid())) {
      problems.add("PEERLOOP_TWILIO_ACCOUNT_SID is missing (" + given + " is set)");
    }
    if (!set(t.authToken())) {
      problems.add("PEERLOOP_TWILIO_AUTH_TOKEN is missing (" + given + " is set)");
    }
    if (!set(t.from())) {
      problems.add("PEERLOOP_TWILIO_FROM is missing (" + given + " is set)");
    } else if (!WHATSAPP_FROM.matcher(t.from().strip()).matches()) {
      problems.add("PEERLOOP_TWILIO_FROM must look like whatsapp:+14155550100");
    }
    if (!set(publicUrl)) {
      problems.add(
          "PEERLOOP_PUBLIC_URL is missing (WhatsApp is configured and its webhooks are signed"
              + " against that URL)");
    }
    if (!httpUrl(t.apiUrl())) {
      problems.add("PEERLOOP_TWILIO_API_URL must be an absolute http(s) URL");
    }
  }

  private static boolean set(String s) {
    return s != null && !s.isBlank();
  }

  private static boolean httpUrl(String s) {
    if (!set(s)) {
      return false;
    }
    try {
      URI uri = URI.create(s.strip());
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
