package org.peerloop.bot.channel.telegram;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.peerloop.bot.contact.Contact;
import org.peerloop.bot.contact.ContactStore;
import org.peerloop.bot.ops.Redact;
import org.peerloop.bot.people.Member;
import org.peerloop.bot.people.MemberStatus;
import org.peerloop.bot.people.MemberStore;
import org.peerloop.bot.privacy.PersonalData;
import org.peerloop.bot.privacy.Subject;
import org.peerloop.content.catalog.Catalog;
import org.peerloop.content.flow.FlowLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.commands.DeleteMyCommands;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeChat;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The commands menu of each leader's private chat: the peer commands and the facilitators' ones, in
 * the leader's language ({@code setMyCommands} with a chat scope, which Telegram prefers over the
 * all-private-chats menu). Kept in step by reconciling, every few minutes, who leads now with what
 * was last set ({@code telegram_menus}, by chat id): someone who stops leading gets the peer menu
 * back, a failed call is simply tried again next round.
 */
@Component
@Conditional(TelegramEnabled.class)
class LeaderMenus implements PersonalData {

  static final String COLLECTION = "telegram_menus";

  /** The facilitators' commands, after the peers' ones; descriptions are bot.command-NAME. */
  static final List<String> LEADER_COMMANDS =
      List.of("members", "invite", "outcomes", "quiet", "nudge", "broadcast", "broadcasts", "link");

  private static final Logger log = LoggerFactory.getLogger(LeaderMenus.class);
  private static final String SCAN = "scan-ok: one menu per leader, a few dozen";

  private final TelegramClient client;
  private final MemberStore members;
  private final ContactStore contacts;
  private final Catalog catalog;
  private final Clock clock;
  private final MongoCollection<Document> menus;

  LeaderMenus(
      TelegramClient client,
      MemberStore members,
      ContactStore contacts,
      FlowLibrary flows,
      MongoTemplate mongo,
      Clock clock) {
    this.client = client;
    this.members = members;
    this.contacts = contacts;
    this.catalog = flows.catalog();
    this.clock = clock;
    this.menus = mongo.getCollection(COLLECTION);
  }

  @Scheduled(
      initialDelayString = "${peerloop.telegram.leader-menus-delay:15000}",
      fixedDelayString = "${peerloop.telegram.leader-menus-every:120000}")
  void scheduled() {
    try {
      refresh();
    } catch (RuntimeException e) {
      log.warn("telegram leader menus not refreshed: {}", e.toString());
    }
  }

  /** Sets what changed; answers how many chats' menus were set or removed. */
  synchronized int refresh() {
    Map<String, String> wanted = new LinkedHashMap<>(); // chat → language
    for (Member m : members.leaders()) {
      if (m.status() == MemberStatus.STOPPED || m.status() == MemberStatus.INVITED) {
        continue;
      }
      for (String id : m.contacts()) {
        contacts
            .find(id)
            .filter(c -> UpdateTranslator.CHANNEL.equals(c.channel()) && !c.stopped())
            .ifPresent(c -> wanted.put(c.address(), language(c, m)));
      }
    }
    Map<String, String> have = new HashMap<>();
    menus.find().comment(SCAN).forEach(d -> have.put(d.getString("_id"), d.getString("menu")));
    int changed = 0;
    for (Map.Entry<String, String> w : wanted.entrySet()) {
      if (!signature(w.getValue()).equals(have.get(w.getKey())) && set(w.getKey(), w.getValue())) {
        changed++;
      }
    }
    for (String chat : have.keySet()) {
      if (!wanted.containsKey(chat) && remove(chat)) {
        changed++;
      }
    }
    return changed;
  }

  /** The menu a leader sees: every peer command, then the leaders' ones. */
  SetMyCommands menu(String chat, String language) {
    List<BotCommand> commands = new ArrayList<>();
    for (String name : TelegramSetup.PEER_COMMANDS) {
      commands.add(new BotCommand(name, catalog.text(language, "bot.command-" + name)));
    }
    for (String name : LEADER_COMMANDS) {
      commands.add(new BotCommand(name, catalog.text(language, "bot.command-" + name)));
    }
    return SetMyCommands.builder()
        .commands(commands)
        .scope(BotCommandScopeChat.builder().chatId(chat).build())
        .build();
  }

  private boolean set(String chat, String language) {
    try {
      client.execute(menu(chat, language));
    } catch (TelegramApiException | RuntimeException e) {
      log.warn("telegram menu for {} not set: {}", Redact.id(chat), Redact.numbers(e.toString()));
      return false;
    }
    menus.replaceOne(
        eq("_id", chat),
        new Document("_id", chat)
            .append("menu", signature(language))
            .append("setAt", Date.from(clock.instant())),
        new ReplaceOptions().upsert(true));
    return true;
  }

  private boolean remove(String chat) {
    try {
      deleteMenu(chat);
    } catch (TelegramApiException | RuntimeException e) {
      log.warn(
          "telegram menu for {} not removed: {}", Redact.id(chat), Redact.numbers(e.toString()));
      return false;
    }
    menus.deleteOne(eq("_id", chat));
    return true;
  }

  /** What was set, so that a release with other commands sets every menu again. */
  private static String signature(String language) {
    return language
        + ":"
        + String.join(",", TelegramSetup.PEER_COMMANDS)
        + ","
        + String.join(",", LEADER_COMMANDS);
  }

  /** Back to the menu for all private chats. */
  private void deleteMenu(String chat) throws TelegramApiException {
    client.execute(
        DeleteMyCommands.builder()
            .scope(BotCommandScopeChat.builder().chatId(chat).build())
            .build());
  }

  private String language(Contact c, Member m) {
    String l = c.language() != null ? c.language() : m.language();
    return l != null && catalog.languages().contains(l) ? l : Catalog.REFERENCE;
  }

  @Override
  public String section() {
    return "telegram-menus";
  }

  @Override
  public List<Document> export(Subject subject) {
    List<Document> out = new ArrayList<>();
    for (String chat : chats(subject)) {
      Document d = menus.find(eq("_id", chat)).first();
      if (d != null) {
        out.add(d);
      }
    }
    return out;
  }

  /** The record goes now; the menu itself, best effort (Telegram may be unreachable). */
  @Override
  public void erase(Subject subject) {
    for (String chat : chats(subject)) {
      if (menus.deleteOne(eq("_id", chat)).getDeletedCount() > 0) {
        try {
          deleteMenu(chat);
        } catch (TelegramApiException | RuntimeException e) {
          log.debug("telegram menu not removed after /forget: {}", e.getClass().getSimpleName());
        }
      }
    }
  }

  private static List<String> chats(Subject subject) {
    String prefix = UpdateTranslator.CHANNEL + ":";
    return subject.contactIds().stream()
        .filter(id -> id.startsWith(prefix))
        .map(id -> id.substring(prefix.length()))
        .toList();
  }
}
