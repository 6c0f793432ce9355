package org.peerloop.bot.people;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.peerloop.bot.privacy.PersonalData;
import org.peerloop.bot.privacy.Subject;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The member record and any personal invite made for them. */
@Component
class MemberData implements PersonalData {

  private final MemberStore members;
  private final InviteStore invites;
  private final MongoCollection<Document> inviteDocs;

  MemberData(MemberStore members, InviteStore invites, MongoTemplate mongo) {
    this.members = members;
    this.invites = invites;
    this.inviteDocs = mongo.getCollection(InviteStore.COLLECTION);
  }

  @Override
  public String section() {
    return "member";
  }

  @Override
  public List<Document> export(Subject s) {
    List<Document> out = new ArrayList<>();
    if (s.memberId() != null) {
      members.raw(s.memberId()).ifPresent(out::add);
      inviteDocs.find(eq("memberId", s.memberId())).forEach(out::add);
    }
    return out;
  }

  @Override
  public void erase(Subject s) {
    if (s.memberId() != null) {
      invites.deleteFor(s.memberId());
      members.delete(s.memberId());
    }
  }
}
