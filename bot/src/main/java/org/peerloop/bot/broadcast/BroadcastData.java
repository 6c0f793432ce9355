package org.peerloop.bot.broadcast;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.peerloop.bot.privacy.PersonalData;
import org.peerloop.bot.privacy.Subject;
import org.springframework.stereotype.Component;

/**
 * The key messages a person wrote and where each broadcast stood for them. On erasure their entries
 * keep only channel, organisation and state, so that the counts stay true and name nobody.
 */
@Component
class BroadcastData implements PersonalData {

  private final BroadcastStore store;

  BroadcastData(BroadcastStore store) {
    this.store = store;
  }

  @Override
  public String section() {
    return "broadcasts";
  }

  @Override
  public List<Document> export(Subject subject) {
    if (subject.memberId() == null) {
      return List.of();
    }
    List<Document> out = new ArrayList<>(store.authoredBy(subject.memberId()));
    out.addAll(store.receivedBy(subject.memberId()));
    return out;
  }

  @Override
  public void erase(Subject subject) {
    if (subject.memberId() != null) {
      store.forget(subject.memberId());
    }
  }
}
