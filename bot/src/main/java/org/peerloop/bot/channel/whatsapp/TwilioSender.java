package org.peerloop.bot.channel.whatsapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.peerloop.bot.config.PeerLoopProperties;
import org.peerloop.bot.contact.Contact;
import org.peerloop.bot.contact.ContactStore;
import org.peerloop.bot.ops.Redact;
import org.peerloop.bot.outbox.Attachment;
import org.peerloop.bot.outbox.Attachments;
import org.peerloop.bot.outbox.ChannelSender;
import org.peerloop.bot.outbox.OutboundMessage;
import org.peerloop.bot.outbox.Recipient;
import org.peerloop.bot.outbox.SendResult;
import org.peerloop.bot.outbox.TextParts;
import org.peerloop.bot.texts.BotTexts;
import org.peerloop.content.engine.Button;
import org.peerloop.content.flow.FlowLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * WhatsApp's way out, through Twilio's Messages API (only the outbox calls it).
 *
 * <ul>
 *   <li>Within 24 hours of the person's last message: free text, split at Twilio's 1,600
 *       characters. Up to three choices go as quick-reply buttons when their contents are
 *       configured and fit (a one-line text, titles of at most 20 characters); otherwise, and for
 *       longer lists, as numbered lines that the person answers with the number or the words.
 *   <li>Outside the window (or when Twilio answers 63016): the message is held, and an approved
 *       template opens the conversation; the person's reply releases what was held, so the flow
 *       goes on where it was. At most one template per 20 hours: reminders meanwhile are held
 *       quietly.
 * </ul>
 */
@Component
@Conditional(WhatsAppEnabled.class)
class TwilioSender implements ChannelSender {

  static final int MAX_BODY = 1600;
  static final int MAX_BUTTON_TITLE = 20;
  static final int MAX_BUTTON_ID = 200;
  static final int MAX_QUICK_REPLY_BODY = 1024;
  static final Duration OPENER_EVERY = Duration.ofHours(20);

  private static final Logger log = LoggerFactory.getLogger(TwilioSender.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TwilioRestClient client;
  private final String from;
  private final String base;
  private final WhatsAppProperties whatsapp;
  private final Sessions sessions;
  private final Statuses statuses;
  private final ContactStore contacts;
  private final BotTexts texts;
  private final org.peerloop.content.catalog.Catalog catalog;
  private final FileLinks links;
  private final Attachments attachments;
  private final Clock clock;
  // Parts of a split message already accepted. In memory: after a crash the whole message may
  // repeat, the outbox's documented at-least-once.
  private final Map<String, Integer> partsSent = new java.util.concurrent.ConcurrentHashMap<>();
  private final Object mediaPace = new Object();
  private long nextMediaNanos;

  TwilioSender(
      TwilioRestClient client,
      PeerLoopProperties properties,
      WhatsAppProperties whatsapp,
      Sessions sessions,
      Statuses statuses,
      ContactStore contacts,
      FlowLibrary flows,
      FileLinks links,
      Attachments attachments,
      Clock clock) {
    this.client = client;
    this.from = properties.twilio().from().strip();
    this.base =
        properties.publicUrl() == null ? "" : properties.publicUrl().strip().replaceAll("/+$", "");
    this.whatsapp = whatsapp;
    this.sessions = sessions;
    this.statuses = statuses;
    this.contacts = contacts;
    this.texts = new BotTexts(flows.catalog());
    this.catalog = flows.catalog();
    this.links = links;
    this.attachments = attachments;
    this.clock = clock;
  }

  @Override
  public String channel() {
    return TwilioForm.CHANNEL;
  }

  @Override
  public SendResult send(OutboundMessage m) {
    Instant now = clock.instant();
    String contactId = Contact.idOf(TwilioForm.CHANNEL, m.to().address());
    boolean lastWord = Recipient.LAST_WORD.equals(m.to().contactId());
    // Someone we do not keep (a stranger's hint, a last word) is answered at once, leaving nothing.
    boolean known = !lastWord && contacts.find(contactId).isPresent();
    Session session = known ? sessions.find(contactId) : Session.NONE;
    if (known && !session.open(now)) {
      return outsideWindow(m, contactId, session, now);
    }
    try {
      // A last word (the goodbye after /forget, the stop confirmation) leaves no trace of the
      // person here: no session change, no status record naming them.
      return freeText(m, known ? contactId : null, session, now);
    } catch (ApiException e) {
      if (e.getCode() != null && e.getCode() == TwilioFailures.OUTSIDE_WINDOW && known) {
        // Our clock said open; WhatsApp says closed (a message we never saw, a clock skew): so
        // it is, until the person writes.
        sessions.closed(contactId);
        return outsideWindow(m, contactId, session, now);
      }
      return failure(e, m);
    } catch (TwilioException e) {
      return failure(e, m);
    }
  }

  private SendResult freeText(OutboundMessage m, String contactId, Session session, Instant now) {
    String language = contactId == null ? "en" : language(contactId);
    List<Button> buttons = m.buttons();
    String text = m.text() == null ? "" : m.text();
    Attachment file = m.attachment();
    if (file != null && attachments.open(file).isEmpty()) {
      return new SendResult.Failed("file gone (erased, or older than peerloop.files.keep-days)");
    }
    // A file goes with a text body: quick-reply contents carry no media.
    String quickReply = file == null ? quickReply(text, buttons) : null;
    List<String> choices = List.of();
    String body = text;
    if (!buttons.isEmpty() && quickReply == null && !rating(buttons)) {
      StringBuilder b = new StringBuilder(text).append("\n");
      for (int i = 0; i < buttons.size(); i++) {
        b.append('\n').append(i + 1).append(". ").append(buttons.get(i).label());
      }
      b.append("\n\n").append(texts.text(language, "whatsapp-choose-number"));
      body = b.toString();
      choices = buttons.stream().map(Button::payload).toList();
    }
    if (contactId != null && !choices.equals(session.choices())) {
      sessions.choices(contactId, choices);
    }
    String last = null;
    if (quickReply != null) {
      Map<String, String> vars = new LinkedHashMap<>();
      vars.put("1", text);
      for (int i = 0; i < buttons.size(); i++) {
        vars.put(String.valueOf(2 + 2 * i), buttons.get(i).label());
        vars.put(String.valueOf(3 + 2 * i), buttons.get(i).payload());
      }
      last = create(m, contactId, "quick-reply", null, quickReply, vars, null, now);
    } else {
      List<String> parts = TextParts.split(body, MAX_BODY);
      int i = partsSent.getOrDefault(m.id(), 0);
      try {
        for (; i < parts.size(); i++) {
          boolean lastPart = i == parts.size() - 1;
          URI media = lastPart && file != null ? mediaUrl(file, now) : null;
          last = create(m, contactId, "text", parts.get(i), null, Map.of(), media, now);
        }
      } catch (TwilioException e) {
        if (i > 0) {
          partsSent.put(m.id(), i); // a retry sends only the parts not yet accepted
        }
        throw e;
      }
      partsSent.remove(m.id());
    }
    return new SendResult.Sent(last);
  }

  /** A quick-reply content for these choices, when one is configured and they fit; else null. */
  private String quickReply(String text, List<Button> buttons) {
    if (buttons.isEmpty() || buttons.size() > 3 || rating(buttons)) {
      return null;
    }
    String sid = whatsapp.quickReply(buttons.size());
    if (sid == null
        || text.isBlank()
        || text.length() > MAX_QUICK_REPLY_BODY
        || text.contains("\n")
        || buttons.stream()
            .anyMatch(
                b ->
                    b.label().length() > MAX_BUTTON_TITLE
                        || b.label().contains("\n")
                        || b.payload().length() > MAX_BUTTON_ID)) {
      return null;
    }
    return sid;
  }

  /** A 0–10 scale: the person types the number, which the engine reads as it is. */
  private static boolean rating(List<Button> buttons) {
    return buttons.size() > 3
        && buttons.stream().allMatch(b -> b.label().strip().matches("\\d{1,2}"));
  }

  private SendResult outsideWindow(
      OutboundMessage m, String contactId, Session session, Instant now) {
    if (closingNotice(m)) {
      // "These questions have closed": not worth opening a conversation for, and what was held
      // for those questions would only confuse.
      sessions.dropHeld(contactId);
      return new SendResult.Failed("not sent: a closing notice, outside the 24-hour window");
    }
    sessions.hold(contactId, m);
    if (sessions.find(contactId).open(now)) {
      // The person wrote while we decided, and their webhook may have released the held list
      // before this message joined it: send it now rather than leave it waiting.
      sessions.unhold(contactId, m.id());
      try {
        return freeText(m, contactId, sessions.find(contactId), now);
      } catch (TwilioException e) {
        return failure(e, m);
      }
    }
    // A key message is worth its own template even soon after another one: held quietly, it would
    // reach the person only if they happened to write.
    boolean keyMessage = TemplateChoice.key(m).equals("key-message");
    if (!keyMessage
        && session.openerAt() != null
        && now.isBefore(session.openerAt().plus(OPENER_EVERY))) {
      log.debug("whatsapp message {} held until the person answers", m.id());
      return new SendResult.Sent(null);
    }
    String key = TemplateChoice.key(m);
    WhatsAppProperties.Template template = whatsapp.template(key, language(contactId));
    if (template == null) {
      return new SendResult.Failed(
          "outside the 24-hour window and no template configured (peerloop.whatsapp.templates."
              + key
              + "); held until the person writes");
    }
    try {
      String opened =
          create(
              m,
              contactId,
              "template:" + template.key(),
              null,
              template.sid(),
              // The generic template has no parameter: only a key's own template gets one.
              TemplateChoice.variables(template.key(), m),
              null,
              now);
      recorded(() -> sessions.opened(contactId, now));
      return new SendResult.Sent(opened);
    } catch (TwilioException e) {
      return failure(e, m);
    }
  }

  private String create(
      OutboundMessage m,
      String contactId,
      String kind,
      String body,
      String contentSid,
      Map<String, String> variables,
      URI media,
      Instant now) {
    PhoneNumber to = new PhoneNumber(TwilioForm.PREFIX + m.to().address());
    PhoneNumber sender = new PhoneNumber(from);
    MessageCreator creator;
    if (contentSid != null) {
      creator = Message.creator(to, sender, (String) null).setContentSid(contentSid);
      if (!variables.isEmpty()) {
        creator.setContentVariables(json(variables));
      }
    } else {
      creator = Message.creator(to, sender, body);
      if (media != null) {
        creator.setMediaUrl(media.toString());
        paceMedia();
      }
    }
    if (!base.isEmpty()) {
      creator.setStatusCallback(base + TwilioStatusController.PATH);
    }
    Message sent = creator.create(client);
    if (contactId != null) {
      // Twilio has it: a failure to write this down must not make the outbox send it again.
      recorded(() -> statuses.sent(sent.getSid(), m, contactId, kind, now));
    }
    return sent.getSid();
  }

  private URI mediaUrl(Attachment file, Instant now) {
    return URI.create(base + FileLinks.PATH + links.token(file, now));
  }

  /** Files go slower than text: {@code peerloop.whatsapp.media-per-second}. */
  private void paceMedia() {
    long gap = (long) (1_000_000_000L / Math.max(0.01, whatsapp.mediaPerSecond()));
    long wait;
    synchronized (mediaPace) {
      long now = System.nanoTime();
      long at = Math.max(now, nextMediaNanos);
      nextMediaNanos = at + gap;
      wait = at - now;
    }
    if (wait > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private SendResult failure(TwilioException e, OutboundMessage m) {
    SendResult r =
        e instanceof ApiException api
            ? TwilioFailures.of(api.getStatusCode(), api.getCode(), api.getMessage())
            : TwilioFailures.of(null, null, "network: " + e.getClass().getSimpleName());
    if (!(e instanceof ApiConnectionException)) {
      log.debug("twilio refused {}: {}", m.id(), Redact.numbers(String.valueOf(e.getMessage())));
    }
    return r;
  }

  private static void recorded(Runnable write) {
    try {
      write.run();
    } catch (RuntimeException e) {
      log.warn("whatsapp: sent, but not recorded: {}", e.toString());
    }
  }

  private boolean closingNotice(OutboundMessage m) {
    if (m.source() == null || !m.source().startsWith("wake:") || m.text() == null) {
      return false;
    }
    return catalog.languages().stream()
        .anyMatch(l -> m.text().strip().equals(catalog.text(l, "system.expired").strip()));
  }

  private String language(String contactId) {
    return contacts.find(contactId).map(Contact::language).orElse("en");
  }

  private static String json(Map<String, String> variables) {
    try {
      return JSON.writeValueAsString(variables);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
