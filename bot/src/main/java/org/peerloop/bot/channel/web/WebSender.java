package org.peerloop.bot.channel.web;

import org.peerloop.bot.outbox.Attachment;
import org.peerloop.bot.outbox.Attachments;
import org.peerloop.bot.outbox.ChannelSender;
import org.peerloop.bot.outbox.OutboundMessage;
import org.peerloop.bot.outbox.SendResult;
import org.springframework.stereotype.Component;

/**
 * The simulator's "platform": delivering a message is adding it to the person's transcript; an
 * attachment becomes a link the page offers for download ({@link SimulatorFiles}).
 */
@Component
class WebSender implements ChannelSender {

  static final String CHANNEL = "web";
  private final WebTranscripts transcripts;
  private final Attachments attachments;

  WebSender(WebTranscripts transcripts, Attachments attachments) {
    this.transcripts = transcripts;
    this.attachments = attachments;
  }

  @Override
  public String channel() {
    return CHANNEL;
  }

  @Override
  public SendResult send(OutboundMessage message) {
    Attachment file = message.attachment();
    if (file != null && attachments.open(file).isEmpty()) {
      return new SendResult.Failed(
          "the attachment's file is gone (erased or cleaned up before it could be sent)");
    }
    transcripts.fromBot(message.to().address(), message.text(), message.buttons(), file);
    return new SendResult.Sent(message.id());
  }
}
