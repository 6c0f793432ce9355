package org.peerloop.bot.channel.whatsapp;

import org.peerloop.bot.conversation.InboundMessage;

/** What one signed Twilio webhook means to PeerLoop, with nothing of Twilio left in it. */
sealed interface Received {

  /**
   * A person's message. {@code media} is the file that came with it (null when none); with a text
   * as well, the text is the answer and the file is kept beside it.
   */
  record Message(InboundMessage inbound, IncomingMedia media) implements Received {}

  /** A request Twilio would never send (no sender): 400. */
  record Invalid(String why) implements Received {}

  /** Nothing to act on (neither text nor media, a status-only event): 200, nothing stored. */
  record Nothing(String why) implements Received {}

  /** A file a person sent: where Twilio keeps it, and its type as Twilio announced it. */
  record IncomingMedia(String reference, String url, String contentType, int count) {}
}
