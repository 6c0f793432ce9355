package org.peerloop.bot.people;

/**
 * One change on a partnership's outcome ladder. {@code owner} is an organisation slug, or {@code
 * both} when every partner owns it; {@code tracked} marks the items followed this period (the
 * reflection asks about those).
 */
public record LadderItem(
    String id, Tier tier, String text, String stakeholders, String owner, boolean tracked) {

  public static final String BOTH = "both";
}
