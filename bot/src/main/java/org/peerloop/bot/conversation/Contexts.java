package org.peerloop.bot.conversation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.Map;
import org.peerloop.bot.contact.Contact;
import org.peerloop.content.catalog.Catalog;
import org.peerloop.content.engine.Context;

/**
 * What the engine's {placeholders} are filled with for a contact. Partnerships arrive with the
 * partnerships issue; until then the partner is "your partners" and the period the ISO week (UTC).
 */
final class Contexts {

  private final Catalog catalog;
  private final BotTexts texts;

  Contexts(Catalog catalog, BotTexts texts) {
    this.catalog = catalog;
    this.texts = texts;
  }

  /**
   * On the web the address is the name the person typed; elsewhere it is a chat id or a phone
   * number, never to be shown as a name. Names come with onboarding (partnerships issue).
   */
  private String name(Contact contact, String language) {
    return "web".equals(contact.channel())
        ? contact.address()
        : texts.text(language, "name-unknown");
  }

  Context of(Contact contact, Instant now) {
    String language = contact.language();
    int week = now.atZone(ZoneOffset.UTC).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    return new Context(
        language,
        Map.of(
            "name", name(contact, language),
            "partner", texts.text(language, "partner-unknown"),
            "organisation", "",
            "period", texts.text(language, "period-week", Map.of("week", String.valueOf(week)))),
        catalog);
  }
}
