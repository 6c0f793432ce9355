package org.peerloop.bot.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The body of {@code POST /api/v1/partnerships}. */
record NewPartnership(
    @Schema(example = "kisumu-makueni", requiredMode = Schema.RequiredMode.REQUIRED) String slug,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
    @Schema(example = "Africa/Nairobi", requiredMode = Schema.RequiredMode.REQUIRED)
        String timezone,
    @Schema(example = "en", requiredMode = Schema.RequiredMode.REQUIRED) String language,
    @Schema(description = "two or more", requiredMode = Schema.RequiredMode.REQUIRED)
        List<OrganisationBody> organisations,
    List<String> objectives,
    String outcomeChallenge,
    List<LadderItemBody> ladder) {}
