package org.peerloop.bot.demo;

import java.util.List;
import java.util.Optional;
import org.peerloop.bot.config.PeerLoopProperties;
import org.peerloop.bot.people.InviteStore;
import org.peerloop.bot.people.PartnershipStore;
import org.springframework.stereotype.Component;

/** What the simulator page offers to try: the demo's codes, when the demo is on and seeded. */
@Component
public class DemoCodes {

  /** A code to show, with the role it gives. */
  public record Code(String code, String role) {}

  /** The demo partnership's name and its codes. */
  public record Demo(String partnership, String name, List<Code> codes) {}

  private final PeerLoopProperties properties;
  private final PartnershipStore partnerships;
  private final InviteStore invites;

  DemoCodes(PeerLoopProperties properties, PartnershipStore partnerships, InviteStore invites) {
    this.properties = properties;
    this.partnerships = partnerships;
    this.invites = invites;
  }

  public Optional<Demo> current() {
    if (!properties.demoEnabled()) {
      return Optional.empty();
    }
    return partnerships
        .find(DemoPartnership.SLUG)
        .map(
            p ->
                new Demo(
                    p.slug(),
                    p.name(),
                    List.of(DemoPartnership.PEER_CODE, DemoPartnership.FACILITATOR_CODE).stream()
                        .flatMap(c -> invites.find(c).stream())
                        .filter(i -> i.partnership().equals(DemoPartnership.SLUG))
                        .map(i -> new Code(i.code(), i.role().slug()))
                        .toList()))
        .filter(d -> !d.codes().isEmpty());
  }
}
