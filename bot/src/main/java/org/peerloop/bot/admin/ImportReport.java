package org.peerloop.bot.admin;

import java.util.List;

/**
 * What {@code POST …/members/import} did, row by row: how many members were created, each refused
 * row with its line and reason, and the personal code of each created member, which the facilitator
 * sends them (we never write to someone who has not come to us).
 */
record ImportReport(int imported, List<Rejected> rejected, List<Issued> invites) {

  record Rejected(int line, String reason) {}

  record Issued(int line, String name, String code, String telegramLink) {}
}
