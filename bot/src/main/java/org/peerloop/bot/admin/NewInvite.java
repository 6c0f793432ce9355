package org.peerloop.bot.admin;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /api/v1/partnerships/{slug}/invites}. */
record NewInvite(
    @Schema(
            description = "slug of one of the partnership's organisations",
            requiredMode = Schema.RequiredMode.REQUIRED)
        String organisation,
    @Schema(
            allowableValues = {"peer", "facilitator", "focal-point"},
            description = "default peer")
        String role,
    @Schema(description = "how many people may join with it; default 50", minimum = "1")
        Integer maxUses,
    @Schema(description = "ISO-8601 instant in the future; none: never expires")
        String expiresAt) {}
