package io.leadbridge.lead.api;

import io.leadbridge.lead.LeadInput;
import io.swagger.v3.oas.annotations.media.Schema;

/** A lead as a client sends it: the fields of {@link LeadInput}, and optionally the stage it starts in. */
@Schema(name = "LeadRequest", description = "A lead. Only email and companyName are required.")
public class LeadRequest extends LeadInput {

    @Schema(
            description = "The stage the lead starts in (marketing's stages only); default NEW_INQUIRY",
            allowableValues = {"NEW_INQUIRY", "NURTURE", "MARKETING_QUALIFIED"})
    private String stage;

    public String getStage() {
        return stage;
    }

    public void setStage(String stage) {
        this.stage = stage;
    }
}
