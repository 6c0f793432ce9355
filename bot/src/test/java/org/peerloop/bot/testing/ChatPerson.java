package org.peerloop.bot.testing;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.peerloop.bot.contact.Contact;
import org.peerloop.bot.conversation.ConversationService;
import org.peerloop.bot.conversation.InboundMessage;
import org.peerloop.bot.outbox.OutboundMessage;
import org.peerloop.content.engine.Input;

/**
 * One person on a test channel talking to the conversation service: says and taps things, waits for
 * the bot's next message containing a text, and joins with an invite code in English.
 */
public final class ChatPerson {

  private static final AtomicLong ids = new AtomicLong();

  private final ConversationService service;
  private final Supplier<List<OutboundMessage>> sent;
  private final Clock clock;
  public final String channel;
  public final String address;
  public final String contactId;
  private int seen;

  public ChatPerson(
      ConversationService service,
      Supplier<List<OutboundMessage>> sent,
      Clock clock,
      String channel,
      long number) {
    this.service = service;
    this.sent = sent;
    this.clock = clock;
    this.channel = channel;
    this.address = "+2547" + number;
    this.contactId = Contact.idOf(channel, address);
  }

  public void say(String text) {
    receive(new Input.Text(text));
  }

  public void tap(String payload) {
    receive(new Input.Tap(payload));
  }

  private void receive(Input input) {
    service.receive(
        new InboundMessage(channel, address, "m" + ids.incrementAndGet(), input, clock.instant()));
  }

  public List<OutboundMessage> all() {
    return sent.get().stream().filter(m -> m.to().address().equals(address)).toList();
  }

  /** How many messages to this person contain {@code text}. */
  public int count(String text) {
    return (int) all().stream().filter(m -> m.text().contains(text)).count();
  }

  /** The next message (after the last one awaited) containing {@code text}, within 5 s. */
  public OutboundMessage await(String text) {
    return await(text, Duration.ofSeconds(5));
  }

  public OutboundMessage await(String text, Duration within) {
    List<OutboundMessage> found = new ArrayList<>();
    try {
      Awaitility.await()
          .atMost(within)
          .until(
              () -> {
                List<OutboundMessage> all = all();
                for (int i = seen; i < all.size(); i++) {
                  if (all.get(i).text().contains(text)) {
                    found.add(all.get(i));
                    seen = i + 1;
                    return true;
                  }
                }
                return false;
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          "no \""
              + text
              + "\" after #"
              + seen
              + " in "
              + all().stream().map(OutboundMessage::text).toList());
    }
    return found.get(0);
  }

  /** Joins with {@code code} in English, agreeing to everything, under {@code name}. */
  public ChatPerson join(String code, String name) {
    say("join " + code);
    await("Which language");
    tap("welcome.language:en");
    await("what name");
    say(name);
    await("Is that right?");
    tap("join.organisation:yes");
    await("time zone");
    tap("join.timezone:yes");
    await("what I keep");
    tap("join.agree:yes");
    await("Welcome aboard");
    return this;
  }
}
