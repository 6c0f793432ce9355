package org.peerloop.bot.broadcast;

import java.util.List;

/** What asking for a draft gave: the draft and its preview, or why it was refused. */
public sealed interface Drafted {

  record Draft(Broadcast broadcast, Preview preview) implements Drafted {}

  record Refused(List<BroadcastRules.Problem> problems) implements Drafted {

    public String english() {
      return String.join("; ", problems.stream().map(BroadcastRules.Problem::english).toList());
    }
  }
}
