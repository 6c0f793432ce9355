package org.peerloop.bot.admin;

import io.swagger.v3.oas.annotations.media.Schema;

/** One outcome-ladder item as the admin API reads and writes it. */
record LadderItemBody(
    @Schema(description = "slug, unique in the ladder", example = "monthly-exchange") String id,
    @Schema(allowableValues = {"expect", "like", "love"}) String tier,
    String text,
    @Schema(description = "who the change concerns, free text") String stakeholders,
    @Schema(description = "an organisation slug, or \"both\"") String owner,
    @Schema(description = "followed this period; default false") Boolean tracked) {}
