package org.peerloop.bot.admin;

import org.peerloop.bot.people.InviteLinks;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The Telegram link of a code, or null when Telegram is off (no {@link InviteLinks} bean). */
@Component
class Links {

  private final ObjectProvider<InviteLinks> links;

  Links(ObjectProvider<InviteLinks> links) {
    this.links = links;
  }

  String telegram(String code) {
    InviteLinks l = links.getIfAvailable();
    return l == null ? null : l.telegram(code).orElse(null);
  }
}
