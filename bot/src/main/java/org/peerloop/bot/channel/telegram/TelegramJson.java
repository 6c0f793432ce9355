package org.peerloop.bot.channel.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Reads updates with Jackson 2, which the library's types are annotated for; Spring's own mapper is
 * Jackson 3 and answers 400 to real updates. Unknown fields are ignored: Telegram adds fields to
 * its objects in every Bot API release.
 */
final class TelegramJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private TelegramJson() {}

  /** The update in {@code body}; throws {@link IllegalArgumentException} for anything else. */
  static Update update(byte[] body) {
    try {
      Update update = MAPPER.readValue(body, Update.class);
      if (update == null || update.getUpdateId() == null) {
        throw new IllegalArgumentException("not an update: no update_id");
      }
      return update;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a Telegram update: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException("not a Telegram update: " + e.getMessage());
    }
  }

  static ObjectMapper mapper() {
    return MAPPER;
  }
}
