package org.peerloop.bot.schedule;

import java.time.Instant;
import org.peerloop.bot.conversation.ConversationService;
import org.peerloop.scheduler.DueHandler;
import org.peerloop.scheduler.DueItem;
import org.springframework.stereotype.Component;

/** A conversation's reminder or expiry: the conversation decides whether anything is still due. */
@Component
class WakeHandler implements DueHandler {

  private final ConversationService conversations;

  WakeHandler(ConversationService conversations) {
    this.conversations = conversations;
  }

  @Override
  public Result handle(DueItem item, Instant now) {
    conversations.wake(item.subject(), now);
    return Result.DONE;
  }
}
