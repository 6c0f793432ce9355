package org.peerloop.bot.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.peerloop.bot.people.Invite;

/** An invite code as the admin API answers it. */
record InviteView(
    String code,
    @Schema(
            description =
                "https://t.me/<bot>?start=<code>; null while Telegram is off or the bot's name is"
                    + " not known yet")
        String telegramLink,
    String partnership,
    String organisation,
    String role,
    int maxUses,
    Instant expiresAt) {

  static InviteView of(Invite i, String telegramLink) {
    return new InviteView(
        i.code(),
        telegramLink,
        i.partnership(),
        i.organisation(),
        i.role().slug(),
        i.maxUses(),
        i.expiresAt());
  }
}
