package org.peerloop.bot.conversation;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.DeleteOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.peerloop.bot.privacy.PersonalData;
import org.peerloop.bot.privacy.Subject;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Sessions, finished runs with their answers, and wait-bucket entries. Export and erasure look
 * responses up by contact, which scans: they are rare, deliberate requests, marked as such.
 */
@Component
class ConversationData implements PersonalData {

  static final String SCAN = "scan-ok: a person's own data request (/mydata, /forget)";

  private final MongoCollection<Document> conversations;
  private final MongoCollection<Document> responses;
  private final MongoCollection<Document> buckets;
  private final ConversationStore store;

  ConversationData(MongoTemplate mongo, ConversationStore store) {
    this.conversations = mongo.getCollection(ConversationStore.COLLECTION);
    this.responses = mongo.getCollection(Responses.COLLECTION);
    this.buckets = mongo.getCollection(WaitBuckets.COLLECTION);
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
    buckets.updateMany(
        in("contacts", s.contactIds()),
        Updates.pullAll("contacts", s.contactIds()),
        new UpdateOptions().comment(SCAN));
    conversations.deleteMany(in("_id", s.contactIds()));
    s.contactIds().forEach(store::forget);
  }
}
