package io.leadbridge.lead;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A lead as the API answers it ({@code GET /api/v1/leads/{id}}), and as other modules pass it on (the outbound webhooks'
 * payloads show the lead exactly so).
 */
public record LeadResource(
        long id,
        String externalId,
        String firstName,
        String lastName,
        String email,
        String phone,
        String jobTitle,
        String companyName,
        String website,
        Integer employees,
        String industry,
        String department,
        String country,
        String source,
        String campaign,
        Integer engagementScore,
        boolean projectPlanned,
        boolean budgetConfirmed,
        String timeline,
        String stage,
        Long ownerId,
        Instant createdAt,
        Instant updatedAt,

        @Schema(
                description = "The legal basis of holding the lead (GDPR Art. 6); null when not recorded",
                allowableValues = {"CONSENT", "LEGITIMATE_INTEREST", "CONTRACT"},
                nullable = true)
        String legalBasis,

        @Schema(description = "For consent: what the person agreed to", nullable = true)
        String consentText,

        @Schema(description = "For consent: when the person gave it", nullable = true)
        Instant consentGivenAt,

        @Schema(description = "Where the lead came from") Origin origin) {

    /**
     * Where the lead came from: {@code FORM} (typed in by a person), {@code API} (with the key {@code apiKeyId}, named
     * {@code name}), {@code IMPORT} (the CSV import {@code importId} of the file {@code name}), {@code SEED} (demo
     * data) or {@code UNKNOWN} (a lead from before origins were kept).
     */
    @Schema(name = "LeadOrigin")
    public record Origin(
            @Schema(allowableValues = {"FORM", "API", "IMPORT", "SEED", "UNKNOWN"})
            String kind,

            @Schema(nullable = true) java.util.UUID apiKeyId,
            @Schema(nullable = true) Long importId,

            @Schema(description = "The API key's or the file's name", nullable = true)
            String name,

            @Schema(description = "For a form: the person who typed it in", nullable = true)
            Long createdBy) {}

    public static LeadResource of(LeadView lead) {
        LeadInput d = lead.data();
        return new LeadResource(
                lead.id(),
                d.getExternalId(),
                d.getFirstName(),
                d.getLastName(),
                d.getEmail(),
                d.getPhone(),
                d.getJobTitle(),
                d.getCompanyName(),
                d.getWebsite(),
                d.getEmployees(),
                d.getIndustry(),
                d.getDepartment(),
                d.getCountry(),
                d.getSource(),
                d.getCampaign(),
                d.getEngagementScore(),
                Boolean.TRUE.equals(d.getProjectPlanned()),
                Boolean.TRUE.equals(d.getBudgetConfirmed()),
                d.getTimeline() == null ? null : d.getTimeline().name(),
                lead.stage().name(),
                lead.ownerId(),
                lead.createdAt(),
                lead.updatedAt(),
                d.getLegalBasis() == null ? null : d.getLegalBasis().name(),
                d.getConsentText(),
                d.getConsentGivenAt(),
                new Origin(
                        lead.origin().kind().name(),
                        lead.origin().apiKeyId(),
                        lead.origin().importId(),
                        lead.origin().kind() == LeadOrigin.Kind.FORM
                                ? null
                                : lead.origin().label(),
                        lead.origin().kind() == LeadOrigin.Kind.FORM
                                ? lead.origin().personId()
                                : null));
    }
}
