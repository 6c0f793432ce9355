package org.peerloop.bot.demo;

import java.time.Instant;
import java.util.List;
import org.peerloop.bot.people.Invite;
import org.peerloop.bot.people.LadderItem;
import org.peerloop.bot.people.Organisation;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.Role;
import org.peerloop.bot.people.Tier;

/**
 * The demo: a made-up partnership between two fictional counties, and two codes anyone trying the
 * bot can join with, one as a peer and one as a facilitator.
 */
public final class DemoPartnership {

  public static final String SLUG = "demo";
  public static final String PEER_CODE = "DEMO0000";
  public static final String FACILITATOR_CODE = "DEMOFAC0";

  /** Enough for every visitor of a demo; the codes never expire. */
  static final int USES = 1_000_000;

  static final String KIJANI = "kijani";
  static final String MTO = "mto";

  private DemoPartnership() {}

  static Partnership partnership(Instant now) {
    return new Partnership(
        SLUG,
        "Kijani and Mto counties (demo)",
        "Africa/Nairobi",
        "en",
        List.of(new Organisation(KIJANI, "Kijani County"), new Organisation(MTO, "Mto County")),
        List.of(
            "Learn from each other how to get health outreach to every ward",
            "Cut the time it takes to approve a small community project"),
        "Both counties plan ward projects well, but approvals are slow and outreach misses the"
            + " remote wards.",
        List.of(
            new LadderItem(
                "monthly-exchange",
                Tier.EXPECT,
                "Teams from both counties meet every month and share what they tried",
                "health and planning officers",
                LadderItem.BOTH,
                true),
            new LadderItem(
                "approval-checklist",
                Tier.LIKE,
                "Kijani uses Mto's one-page checklist to approve small projects",
                "ward administrators",
                KIJANI,
                true),
            new LadderItem(
                "thirty-days",
                Tier.LOVE,
                "Both counties approve small projects within 30 days",
                "community groups",
                LadderItem.BOTH,
                false)),
        now);
  }

  static List<Invite> invites(Instant now) {
    return List.of(
        new Invite(PEER_CODE, SLUG, KIJANI, Role.PEER, USES, 0, null, null, now),
        new Invite(FACILITATOR_CODE, SLUG, MTO, Role.FACILITATOR, USES, 0, null, null, now));
  }
}
