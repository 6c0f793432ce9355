package org.peerloop.bot.demo;

import java.time.Clock;
import java.time.Instant;
import org.peerloop.bot.config.PeerLoopProperties;
import org.peerloop.bot.people.Invite;
import org.peerloop.bot.people.InviteStore;
import org.peerloop.bot.people.PartnershipStore;
import org.peerloop.bot.store.Durability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Creates the demo partnership and its two codes when {@code PEERLOOP_DEMO} is on and the store
 * holds no partnership yet. Runs once every bean exists and before the web server and the channels
 * start, so the codes work from the first message. Idempotent: the codes are written first
 * (insert-once), the partnership last, so a start that died half-way simply does it again.
 */
@Component
class DemoSeed implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(DemoSeed.class);

  private final PeerLoopProperties properties;
  private final PartnershipStore partnerships;
  private final InviteStore invites;
  private final Durability durability;
  private final Clock clock;

  DemoSeed(
      PeerLoopProperties properties,
      PartnershipStore partnerships,
      InviteStore invites,
      Durability durability,
      Clock clock) {
    this.properties = properties;
    this.partnerships = partnerships;
    this.invites = invites;
    this.durability = durability;
    this.clock = clock;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (properties.demoEnabled() && partnerships.none()) {
      seed();
    }
  }

  void seed() {
    Instant now = clock.instant();
    for (Invite invite : DemoPartnership.invites(now)) {
      invites.createWithCode(invite);
    }
    if (partnerships.create(DemoPartnership.partnership(now))) {
      log.info(
          "created the demo partnership \"{}\": join with {} (peer) or {} (facilitator)",
          DemoPartnership.SLUG,
          DemoPartnership.PEER_CODE,
          DemoPartnership.FACILITATOR_CODE);
    }
    durability.awaitDurable();
  }
}
