package org.peerloop.bot.channel.telegram;

import java.util.ArrayList;
import java.util.List;
import org.peerloop.content.engine.Button;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/**
 * Lays buttons out for a phone screen: very short labels (a 0–10 scale) six to a row, so a rating
 * fits in two rows; short labels two to a row; anything longer on a row of its own.
 */
final class Keyboards {

  static final int TINY = 3;
  static final int SHORT = 14;

  private Keyboards() {}

  static InlineKeyboardMarkup of(List<Button> buttons) {
    List<InlineKeyboardRow> rows = new ArrayList<>();
    InlineKeyboardRow row = new InlineKeyboardRow();
    int perRow = 0;
    for (Button b : buttons) {
      int fits = b.label().length() <= TINY ? 6 : b.label().length() <= SHORT ? 2 : 1;
      if (!row.isEmpty() && (fits != perRow || row.size() >= perRow)) {
        rows.add(row);
        row = new InlineKeyboardRow();
      }
      perRow = fits;
      row.add(InlineKeyboardButton.builder().text(b.label()).callbackData(b.payload()).build());
    }
    if (!row.isEmpty()) {
      rows.add(row);
    }
    return new InlineKeyboardMarkup(rows);
  }

  /** An empty keyboard: what {@code editMessageReplyMarkup} sets to take buttons away. */
  static InlineKeyboardMarkup none() {
    return new InlineKeyboardMarkup(List.of());
  }
}
