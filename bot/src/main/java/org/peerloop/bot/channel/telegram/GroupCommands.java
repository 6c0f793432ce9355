package org.peerloop.bot.channel.telegram;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.peerloop.bot.contact.Contact;
import org.peerloop.bot.contact.ContactStore;
import org.peerloop.bot.groups.GroupLink;
import org.peerloop.bot.groups.GroupLinks;
import org.peerloop.bot.groups.LinkCode;
import org.peerloop.bot.ops.Redact;
import org.peerloop.bot.outbox.OutboundMessage;
import org.peerloop.bot.outbox.Outbox;
import org.peerloop.bot.outbox.Priority;
import org.peerloop.bot.outbox.Recipient;
import org.peerloop.bot.people.Member;
import org.peerloop.bot.people.MemberStore;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.PartnershipStore;
import org.peerloop.bot.texts.BotTexts;
import org.peerloop.content.flow.FlowLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Commands addressed to the bot in a group. The group is where a partnership's key messages and
 * summaries are posted, so the bot answers there only about the group itself: {@code /link CODE}
 * (also what a {@code t.me/<bot>?startgroup=CODE} link sends, as {@code /start CODE}), {@code
 * /unlink} and {@code /help}. Anything personal is answered with a link to the private chat.
 *
 * <p>Who may link: the leader whose code it is, from their own Telegram account (Telegram names the
 * sender of a group message; in a private chat the chat id is that same user id). A code seen by
 * the rest of the group is then used up and worthless.
 */
@Component
@Conditional(TelegramEnabled.class)
class GroupCommands {

  private static final Logger log = LoggerFactory.getLogger(GroupCommands.class);

  private final GroupLinks links;
  private final ContactStore contacts;
  private final MemberStore members;
  private final PartnershipStore partnerships;
  private final Outbox outbox;
  private final GroupMigrations migrations;
  private final BotIdentity identity;
  private final BotTexts texts;
  private final Clock clock;

  GroupCommands(
      GroupLinks links,
      ContactStore contacts,
      MemberStore members,
      PartnershipStore partnerships,
      Outbox outbox,
      GroupMigrations migrations,
      BotIdentity identity,
      FlowLibrary flows,
      Clock clock) {
    this.links = links;
    this.contacts = contacts;
    this.members = members;
    this.partnerships = partnerships;
    this.outbox = outbox;
    this.migrations = migrations;
    this.identity = identity;
    this.texts = new BotTexts(flows.catalog());
    this.clock = clock;
  }

  void handle(Translated.GroupCommand command, String language) {
    String chat = migrations.current(String.valueOf(command.chatId()));
    String text =
        switch (command.command()) {
          case "link" -> link(command, chat, language);
          case "start" ->
              command.argument().isBlank() ? help(chat, language) : link(command, chat, language);
          case "unlink" -> unlink(command, chat, language);
          case "help" -> help(chat, language);
          default -> privately(language);
        };
    reply(command, chat, text);
  }

  private String link(Translated.GroupCommand command, String chat, String language) {
    Instant now = clock.instant();
    Optional<LinkCode> code = links.code(command.argument()).filter(c -> c.usableAt(now));
    Optional<Member> sender = sender(command);
    if (code.isEmpty()
        || sender.isEmpty()
        || !sender.get().id().equals(code.get().memberId())
        || !leads(sender.get(), code.get().partnership())) {
      return texts.text(language, "group-link-failed");
    }
    Optional<GroupLink> linked = links.redeem(code.get(), UpdateTranslator.CHANNEL, chat, now);
    if (linked.isEmpty()) {
      return texts.text(language, "group-link-failed");
    }
    log.info("telegram group {} linked to {}", Redact.id(chat), code.get().partnership());
    return texts.text(
        language, "group-linked", Map.of("partnership", name(code.get().partnership())));
  }

  private String unlink(Translated.GroupCommand command, String chat, String language) {
    Optional<Member> sender = sender(command);
    List<GroupLink> here =
        links.at(UpdateTranslator.CHANNEL, chat).stream()
            .filter(l -> sender.isPresent() && leads(sender.get(), l.partnership()))
            .toList();
    if (here.isEmpty()) {
      return texts.text(language, "not-available");
    }
    StringBuilder b = new StringBuilder();
    for (GroupLink l : here) {
      links.unlink(l.partnership());
      log.info("telegram group {} unlinked from {}", Redact.id(chat), l.partnership());
      b.append(b.isEmpty() ? "" : "\n")
          .append(
              texts.text(language, "group-unlinked", Map.of("partnership", name(l.partnership()))));
    }
    return b.toString();
  }

  private String help(String chat, String language) {
    List<GroupLink> here = links.at(UpdateTranslator.CHANNEL, chat);
    String about =
        here.isEmpty()
            ? texts.text(language, "group-help-unlinked")
            : texts.text(
                language,
                "group-help",
                Map.of(
                    "partnership",
                    String.join(", ", here.stream().map(l -> name(l.partnership())).toList())));
    return about + "\n" + privately(language);
  }

  /** Personal questions belong in a private chat: the answer is a link there. */
  private String privately(String language) {
    String link = identity.privateChatLink();
    return link == null
        ? texts.text(language, "group-private-no-link")
        : texts.text(language, "group-private", Map.of("link", link));
  }

  /** One answer per update id, so a redelivered update repeats nothing. */
  private void reply(Translated.GroupCommand command, String chat, String text) {
    Recipient to = new Recipient(Contact.idOf(UpdateTranslator.CHANNEL, chat), "telegram", chat);
    outbox.send(
        List.of(
            new OutboundMessage(
                "telegram-group:" + command.updateId(),
                to,
                text,
                List.of(),
                Priority.INTERACTIVE,
                null,
                clock.instant())));
  }

  private Optional<Member> sender(Translated.GroupCommand command) {
    return contacts
        .find(Contact.idOf(UpdateTranslator.CHANNEL, String.valueOf(command.userId())))
        .filter(c -> !c.stopped())
        .map(Contact::memberId)
        .flatMap(members::find);
  }

  private static boolean leads(Member m, String partnership) {
    return m.in(partnership).map(pl -> m.coordinator() || pl.role().leads()).orElse(false);
  }

  private String name(String slug) {
    return partnerships.find(slug).map(Partnership::name).orElse(slug);
  }
}
