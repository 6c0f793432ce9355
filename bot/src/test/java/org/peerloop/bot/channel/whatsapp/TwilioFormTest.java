package org.peerloop.bot.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerloop.bot.conversation.InboundMessage;
import org.peerloop.content.engine.Input;

/** Twilio's incoming-message webhooks (fields as Twilio sends them) → what PeerLoop sees. */
class TwilioFormTest {

  private static final Instant AT = Instant.parse("2026-11-25T09:00:00Z");
  private static final String FROM = "whatsapp:+254712345678";

  /** The fields every WhatsApp webhook carries, then the ones of the case. */
  private static Map<String, String> form(String... pairs) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("SmsMessageSid", "SM0000");
    f.put("NumMedia", "0");
    f.put("ProfileName", "Amina");
    f.put("MessageType", "text");
    f.put("SmsStatus", "received");
    f.put("WaId", "254712345678");
    f.put("To", "whatsapp:+14155238886");
    f.put("NumSegments", "1");
    f.put("ReferralNumMedia", "0");
    f.put("AccountSid", "AC00000000000000000000000000000000");
    f.put("From", FROM);
    f.put("ApiVersion", "2010-04-01");
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] == null) {
        f.remove(pairs[i]);
      } else {
        f.put(pairs[i], pairs[i + 1]);
      }
    }
    return f;
  }

  private static InboundMessage in(String id, Input input) {
    return new InboundMessage("whatsapp", "+254712345678", id, input, AT);
  }

  static Stream<Arguments> table() {
    String media = "https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM4/Media/ME4";
    return Stream.of(
        Arguments.of(
            "text",
            form("MessageSid", "SM1", "SmsMessageSid", "SM1", "Body", "7"),
            new Received.Message(in("SM1", new Input.Text("7")), null)),
        Arguments.of(
            "quick-reply button: its id is the payload",
            form(
                "MessageSid", "SM2",
                "Body", "Yes",
                "MessageType", "button",
                "ButtonText", "Yes",
                "ButtonPayload", "checkin.contact:yes"),
            new Received.Message(in("SM2", new Input.Tap("checkin.contact:yes")), null)),
        Arguments.of(
            "list reply",
            form(
                "MessageSid", "SM3",
                "Body", "Kisumu–Isiolo",
                "MessageType", "interactive",
                "ListId", "/checkin kisumu-isiolo",
                "ListTitle", "Kisumu–Isiolo"),
            new Received.Message(in("SM3", new Input.Tap("/checkin kisumu-isiolo")), null)),
        Arguments.of(
            "voice note only",
            form(
                "MessageSid", "MM4",
                "Body", "",
                "MessageType", "audio",
                "NumMedia", "1",
                "MediaUrl0", media,
                "MediaContentType0", "audio/ogg"),
            new Received.Message(
                in("MM4", new Input.Media("twilio-media:MM4/0", "audio/ogg")),
                new Received.IncomingMedia("twilio-media:MM4/0", media, "audio/ogg", 1))),
        Arguments.of(
            "photo with a caption: the caption is the answer, the photo is kept beside it",
            form(
                "MessageSid", "MM5",
                "Body", "The new budget template",
                "MessageType", "image",
                "NumMedia", "1",
                "MediaUrl0", media,
                "MediaContentType0", "image/JPEG"),
            new Received.Message(
                in("MM5", new Input.Text("The new budget template")),
                new Received.IncomingMedia("twilio-media:MM5/0", media, "image/jpeg", 1))),
        Arguments.of(
            "neither text nor media",
            form("MessageSid", "SM6", "Body", ""),
            new Received.Nothing("neither text nor media")),
        Arguments.of(
            "no From",
            form("MessageSid", "SM7", "Body", "hi", "From", null),
            new Received.Invalid("no From")),
        Arguments.of(
            "From that is no number",
            form("MessageSid", "SM8", "Body", "hi", "From", "whatsapp:abc"),
            new Received.Invalid("From is not a WhatsApp number")),
        Arguments.of(
            "emoji",
            form("MessageSid", "SM9", "Body", "\ud83d\udc4d"),
            new Received.Message(in("SM9", new Input.Text("\ud83d\udc4d")), null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void translates(String name, Map<String, String> form, Received expected) {
    assertThat(TwilioForm.translate(form, null, AT)).isEqualTo(expected);
  }

  @Test
  void withoutAMessageSidTheIdempotencyTokenNamesTheMessage() {
    Map<String, String> f = form("Body", "hi", "SmsMessageSid", null);
    Received r = TwilioForm.translate(f, "tok-1", AT);
    assertThat(((Received.Message) r).inbound().platformId()).isEqualTo("tok-1");
  }

  @Test
  void aHugeTextIsCutNotRefused() {
    Received r =
        TwilioForm.translate(form("MessageSid", "SM10", "Body", "x".repeat(50_000)), null, AT);
    Input.Text t = (Input.Text) ((Received.Message) r).inbound().input();
    assertThat(t.text()).hasSize(TwilioForm.MAX_TEXT);
  }

  @Test
  void optOutWordsAreWholeMessagesInEveryLanguage() {
    OptOutWords w = OptOutWords.load();
    assertThat(w.of("STOP")).isEqualTo(OptOutWords.Kind.STOP);
    assertThat(w.of(" Unsubscribe! ")).isEqualTo(OptOutWords.Kind.STOP);
    assertThat(w.of("QUIT")).isEqualTo(OptOutWords.Kind.STOP);
    assertThat(w.of("Arrêt")).isEqualTo(OptOutWords.Kind.STOP);
    assertThat(w.of("sitisha")).isEqualTo(OptOutWords.Kind.STOP);
    assertThat(w.of("start")).isEqualTo(OptOutWords.Kind.START);
    assertThat(w.of("Anza")).isEqualTo(OptOutWords.Kind.START);
    assertThat(w.of("cancel")).isEqualTo(OptOutWords.Kind.LEAVE);
    assertThat(w.of("END")).isEqualTo(OptOutWords.Kind.LEAVE);
    assertThat(w.of("please stop asking about the budget")).isNull();
    assertThat(w.of("7")).isNull();
  }
}
