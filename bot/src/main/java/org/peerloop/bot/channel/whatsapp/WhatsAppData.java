package org.peerloop.bot.channel.whatsapp;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.peerloop.bot.privacy.PersonalData;
import org.peerloop.bot.privacy.Subject;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * What the WhatsApp channel keeps about a person: the session (when they last wrote, messages held
 * for them), the delivery status of messages sent to them, and the record of files they sent (the
 * files themselves are erased with the person's folder of attachments).
 */
@Component
@Conditional(WhatsAppEnabled.class)
class WhatsAppData implements PersonalData {

  private final Sessions sessions;
  private final Statuses statuses;
  private final MediaFetcher media;

  WhatsAppData(Sessions sessions, Statuses statuses, MediaFetcher media) {
    this.sessions = sessions;
    this.statuses = statuses;
    this.media = media;
  }

  @Override
  public String section() {
    return "whatsapp";
  }

  @Override
  public List<Document> export(Subject subject) {
    List<Document> out = new ArrayList<>();
    for (String id : whatsapp(subject)) {
      sessions.raw(id).ifPresent(out::add);
      out.addAll(statuses.forContact(id));
      out.addAll(media.forContact(id));
    }
    return out;
  }

  @Override
  public void erase(Subject subject) {
    for (String id : whatsapp(subject)) {
      sessions.erase(id);
      statuses.erase(id);
      media.erase(id);
    }
  }

  private static List<String> whatsapp(Subject subject) {
    return subject.contactIds().stream().filter(id -> id.startsWith(TwilioForm.PREFIX)).toList();
  }
}
