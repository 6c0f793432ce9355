package org.peerloop.bot.conversation;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.DeleteOptions;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.peerloop.bot.privacy.PersonalData;
import org.peerloop.bot.privacy.Subject;
import org.peerloop.scheduler.DueStore;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Sessions, finished runs with their answers, and pending wake-ups. Export and erasure look
 * responses up by contact, which scans: they are rare, deliberate requests, marked as such.
 */
@Component
class ConversationData implements PersonalData {

  static final String SCAN = "scan-ok: a person's own data request (/mydata, /forget)";

  private final MongoCollection<Document> conversations;
  private final MongoCollection<Document> responses;
  private final DueStore due;
  private final ConversationStore store;

  ConversationData(MongoTemplate mongo, ConversationStore store, DueStore due) {
    this.conversations = mongo.getCollection(ConversationStore.COLLECTION);
    this.responses = mongo.getCollection(Responses.COLLECTION);
    this.due = due;
    this.store = store;
  }

  @Override
  public String section() {
    return "conversations";
  }

  @Override
  public List<Document> export(Subject s) {
    List<Document> out = new ArrayList<>();
    conversations.find(in("_id", s.contactIds())).forEach(out::add);
    responses.find(in("contact", s.contactIds())).comment(SCAN).forEach(out::add);
    return out;
  }

  @Override
  public void erase(Subject s) {
    responses.deleteMany(in("contact", s.contactIds()), new DeleteOptions().comment(SCAN));
    due.deleteAbout(s.contactIds(), SCAN); // their pending reminders and expiries
    conversations.deleteMany(in("_id", s.contactIds()));
    s.contactIds().forEach(store::forget);
  }
}
