package org.peerloop.bot.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.peerloop.bot.outbox.ChannelSender;
import org.peerloop.bot.outbox.OutboundMessage;
import org.peerloop.bot.outbox.SendResult;

/** A test channel, {@code phone}, that keeps everything sent to it and always succeeds. */
public final class Phone implements ChannelSender {

  public final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();

  @Override
  public String channel() {
    return "phone";
  }

  @Override
  public SendResult send(OutboundMessage message) {
    sent.add(message);
    return new SendResult.Sent(message.id());
  }
}
