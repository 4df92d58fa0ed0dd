package io.leadbridge.lead;

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
        Instant updatedAt) {

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
                lead.updatedAt());
    }
}
