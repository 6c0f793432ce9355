package org.peerloop.bot.contact;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.peerloop.bot.privacy.PersonalData;
import org.peerloop.bot.privacy.Subject;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The chat identities themselves, and the record of onboarding hints sent to them. */
@Component
class ContactData implements PersonalData {

  private final MongoCollection<Document> contacts;
  private final MongoCollection<Document> hints;
  private final ContactStore store;

  ContactData(MongoTemplate mongo, ContactStore store) {
    this.contacts = mongo.getCollection(ContactStore.COLLECTION);
    this.hints = mongo.getCollection(UnknownSenders.COLLECTION);
    this.store = store;
  }

  @Override
  public String section() {
    return "contacts";
  }

  @Override
  public List<Document> export(Subject s) {
    List<Document> out = new ArrayList<>();
    contacts.find(in("_id", s.contactIds())).forEach(out::add);
    hints.find(in("_id", hintKeys(s))).forEach(out::add);
    return out;
  }

  /** Hints are kept per identity, and per stopped identity (see ConversationService). */
  private static List<String> hintKeys(Subject s) {
    List<String> keys = new ArrayList<>(s.contactIds());
    s.contactIds().forEach(id -> keys.add("stopped:" + id));
    return keys;
  }

  @Override
  public void erase(Subject s) {
    hints.deleteMany(in("_id", hintKeys(s)));
    s.contactIds().forEach(store::delete);
  }
}
