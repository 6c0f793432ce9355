package org.peerloop.bot.channel.web;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.peerloop.bot.privacy.PersonalData;
import org.peerloop.bot.privacy.Subject;
import org.springframework.stereotype.Component;

/** What the simulator page shows of a web contact (kept in memory only). */
@Component
class WebData implements PersonalData {

  private static final String PREFIX = WebSender.CHANNEL + ":";
  private final WebTranscripts transcripts;

  WebData(WebTranscripts transcripts) {
    this.transcripts = transcripts;
  }

  @Override
  public String section() {
    return "simulator";
  }

  @Override
  public List<Document> export(Subject s) {
    List<Document> out = new ArrayList<>();
    for (String user : users(s)) {
      for (WebTranscripts.Message m : transcripts.all(user)) {
        out.add(new Document("user", user).append("from", m.from()).append("text", m.text()));
      }
    }
    return out;
  }

  @Override
  public void erase(Subject s) {
    users(s).forEach(transcripts::forget);
  }

  private static List<String> users(Subject s) {
    return s.contactIds().stream()
        .filter(id -> id.startsWith(PREFIX))
        .map(id -> id.substring(PREFIX.length()))
        .toList();
  }
}
