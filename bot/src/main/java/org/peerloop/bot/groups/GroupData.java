package org.peerloop.bot.groups;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.peerloop.bot.privacy.PersonalData;
import org.peerloop.bot.privacy.Subject;
import org.springframework.stereotype.Component;

/** The link codes a person made and the groups they linked. */
@Component
class GroupData implements PersonalData {

  private final GroupLinks links;

  GroupData(GroupLinks links) {
    this.links = links;
  }

  @Override
  public String section() {
    return "groups";
  }

  @Override
  public List<Document> export(Subject subject) {
    if (subject.memberId() == null) {
      return List.of();
    }
    List<Document> out = new ArrayList<>(links.codesOf(subject.memberId()));
    out.addAll(links.linkedBy(subject.memberId()));
    return out;
  }

  @Override
  public void erase(Subject subject) {
    if (subject.memberId() != null) {
      links.forget(subject.memberId());
    }
  }
}
