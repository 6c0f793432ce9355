package org.peerloop.bot.ops;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@code %m} with long numbers masked: a safety net under the rule that code never logs
 * phone numbers or chat ids in the first place.
 */
public class MaskedMessageConverter extends MessageConverter {

  @Override
  public String convert(ILoggingEvent event) {
    return Redact.numbers(super.convert(event));
  }
}
