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

    @Schema(
            description = "What a lead whose e-mail address the workspace knows already (any case) does: reject (the"
                    + " default) answers 409; update updates that lead with the fields sent — absent or null fields"
                    + " keep their values, the stage is not changed — and answers 200 with the lead and the header"
                    + " Lead-Outcome: updated. The lead's timeline says it engaged again (with the source and"
                    + " campaign sent), it is evaluated again, and a lead in nurture that qualifies now is marked"
                    + " re-engaged and the marketers are told. Keyed by its externalId alone (no Idempotency-Key),"
                    + " only the same request again is a retry.",
            allowableValues = {"reject", "update"},
            defaultValue = "reject")
    private String onExisting;

    public String getOnExisting() {
        return onExisting;
    }

    public void setOnExisting(String onExisting) {
        this.onExisting = onExisting;
    }

    public String getStage() {
        return stage;
    }

    public void setStage(String stage) {
        this.stage = stage;
    }
}
