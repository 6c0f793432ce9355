package org.peerloop.bot.outbox;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.DeleteOptions;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.peerloop.bot.privacy.PersonalData;
import org.peerloop.bot.privacy.Subject;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Messages waiting for the person, the log of what was sent to them, and files sent to them. */
@Component
class OutboxData implements PersonalData {

  private static final String SCAN = "scan-ok: a person's own data request (/mydata, /forget)";

  private final MongoCollection<Document> pending;
  private final MongoCollection<Document> log;

  private final Attachments files;

  OutboxData(MongoTemplate mongo, Attachments files) {
    this.pending = mongo.getCollection(OutboxStore.PENDING);
    this.log = mongo.getCollection(OutboxStore.LOG);
    this.files = files;
  }

  @Override
  public String section() {
    return "messages";
  }

  @Override
  public List<Document> export(Subject s) {
    List<Document> out = new ArrayList<>();
    pending.find(in("contact", s.contactIds())).comment(SCAN).forEach(out::add);
    log.find(in("contact", s.contactIds())).comment(SCAN).forEach(out::add);
    return out;
  }

  @Override
  public void erase(Subject s) {
    pending.deleteMany(in("contact", s.contactIds()), new DeleteOptions().comment(SCAN));
    log.deleteMany(in("contact", s.contactIds()), new DeleteOptions().comment(SCAN));
    s.contactIds().forEach(files::deleteFor);
  }
}
