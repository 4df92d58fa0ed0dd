package io.leadbridge.lead.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Up to 1,000 leads at once, and what a lead the workspace knows already does. */
public record BatchRequest(
        List<LeadRequest> leads,

        @Schema(
                description = "What a lead whose e-mail address the workspace knows already (any case) does:"
                        + " reject (the default) reports it as a duplicate; update updates that lead with"
                        + " the fields sent (absent or null fields keep their values), reported as updated",
                allowableValues = {"reject", "update"},
                defaultValue = "reject")
        String onExisting) {}
