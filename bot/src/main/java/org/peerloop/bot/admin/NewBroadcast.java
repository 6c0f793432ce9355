package org.peerloop.bot.admin;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /api/v1/partnerships/{slug}/broadcasts}. */
record NewBroadcast(
    @Schema(
            description = "the key message, at most 3,500 characters",
            requiredMode = Schema.RequiredMode.REQUIRED)
        String text,
    @Schema(description = "an http(s) link to a fuller report, sent on a line of its own")
        String link,
    @Schema(description = "slug of one organisation of the partnership; none: all of them")
        String organisation,
    @Schema(
            allowableValues = {"peer", "facilitator", "focal-point"},
            description = "only people in this role; none: every role")
        String role,
    @Schema(
            description =
                "when to send: an instant with offset (2026-11-26T09:00:00+03:00) for one moment,"
                    + " or a local date-time (2026-11-26T09:00) for that time in each recipient's"
                    + " own zone, out of quiet hours; none: on confirm")
        String sendAt) {}
