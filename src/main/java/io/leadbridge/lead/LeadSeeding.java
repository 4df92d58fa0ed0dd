package io.leadbridge.lead;

import io.leadbridge.tenant.CurrentTenant;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seeding only: a lead as it stood in the past, for demo and benchmark data. It is written as it is given (created,
 * updated and won at the given times, in the given stage, with its owner and deal value), without the checks, the
 * duplicate rule and the events of {@link LeadManagement}; no page and no API uses it. Its timeline entries are the
 * caller's to record.
 */
@Component
public class LeadSeeding {

    private final JdbcClient jdbc;

    LeadSeeding(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A lead of the past, as the seed wants it; {@code ownerId}, {@code dealValue} and {@code wonAt} may be null. */
    public record PastLead(
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
            PurchaseTimeline purchaseTimeline,
            Stage stage,
            Long ownerId,
            BigDecimal dealValue,
            long createdBy,
            Instant createdAt,
            Instant updatedAt,
            Instant wonAt) {}

    /** Writes the lead into the current workspace as it stood; its id. */
    @Transactional
    public long insert(PastLead lead) {
        return jdbc.sql("""
                        insert into lead (tenant_id, first_name, last_name, email, phone, job_title, company_name,
                            website, employees, industry, department, country, source, campaign, engagement_score,
                            project_planned, budget_confirmed, purchase_timeline, stage, owner_id, deal_value,
                            created_by, created_at, updated_at, won_at, origin)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SEED')
                        returning id
                        """)
                .params(
                        CurrentTenant.require(),
                        lead.firstName(),
                        lead.lastName(),
                        lead.email(),
                        lead.phone(),
                        lead.jobTitle(),
                        lead.companyName(),
                        lead.website(),
                        lead.employees(),
                        lead.industry(),
                        lead.department(),
                        lead.country(),
                        lead.source(),
                        lead.campaign(),
                        lead.engagementScore(),
                        lead.projectPlanned(),
                        lead.budgetConfirmed(),
                        lead.purchaseTimeline().name(),
                        lead.stage().name(),
                        lead.ownerId(),
                        lead.dealValue(),
                        lead.createdBy(),
                        Timestamp.from(lead.createdAt()),
                        Timestamp.from(lead.updatedAt()),
                        lead.wonAt() == null ? null : Timestamp.from(lead.wonAt()))
                .query(Long.class)
                .single();
    }
}
