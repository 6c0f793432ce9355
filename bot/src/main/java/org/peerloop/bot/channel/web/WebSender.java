package org.peerloop.bot.channel.web;

import org.peerloop.bot.outbox.ChannelSender;
import org.peerloop.bot.outbox.OutboundMessage;
import org.peerloop.bot.outbox.SendResult;
import org.springframework.stereotype.Component;

/** The simulator's "platform": delivering a message is adding it to the person's transcript. */
@Component
class WebSender implements ChannelSender {

  static final String CHANNEL = "web";
  private final WebTranscripts transcripts;

  WebSender(WebTranscripts transcripts) {
    this.transcripts = transcripts;
  }

  @Override
  public String channel() {
    return CHANNEL;
  }

  @Override
  public SendResult send(OutboundMessage message) {
    transcripts.fromBot(message.to().address(), message.text(), message.buttons());
    return new SendResult.Sent(message.id());
  }
}
