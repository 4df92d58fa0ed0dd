package io.leadbridge.lead;

import io.leadbridge.tenant.CurrentTenant;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The lead as a page shows it, read with one SQL statement into the same values the entity gives ({@link
 * Lead#stored()}; {@link StoredLead#view} builds the view from either). The lead's page reads it this way: reading the
 * {@link Lead} entity was 6–9 % of the page's CPU samples, half of it Hibernate building a loader anew for every find
 * under the tenant filter (issue 21). Writes and reads inside a write keep the entity ({@link LeadManagement#lead}).
 */
@Component
class LeadReads {

    private static final String COLUMNS = "id, first_name, last_name, email, phone, job_title, company_name, website,"
            + " employees, industry, department, country, source, campaign, engagement_score, project_planned,"
            + " budget_confirmed, purchase_timeline, external_id, legal_basis, consent_text, consent_given_at, stage,"
            + " owner_id, deal_value, created_by, created_at, updated_at, version, re_engaged_at, origin,"
            + " origin_api_key_id, origin_import_id, origin_label";

    private final JdbcClient jdbc;

    LeadReads(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** The lead's stored values, without the people's names ({@link StoredLead#view} adds them). */
    Optional<StoredLead> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from lead where tenant_id = ? and id = ?")
                .params(CurrentTenant.require(), id)
                .query((rs, row) -> stored(rs))
                .optional();
    }

    private static StoredLead stored(ResultSet rs) throws SQLException {
        LeadInput input = new LeadInput();
        input.setFirstName(rs.getString("first_name"));
        input.setLastName(rs.getString("last_name"));
        input.setEmail(rs.getString("email"));
        input.setPhone(rs.getString("phone"));
        input.setJobTitle(rs.getString("job_title"));
        input.setCompanyName(rs.getString("company_name"));
        input.setWebsite(rs.getString("website"));
        input.setEmployees(integer(rs, "employees"));
        input.setIndustry(rs.getString("industry"));
        input.setDepartment(rs.getString("department"));
        input.setCountry(rs.getString("country"));
        input.setSource(rs.getString("source"));
        input.setCampaign(rs.getString("campaign"));
        input.setEngagementScore(integer(rs, "engagement_score"));
        input.setProjectPlanned(rs.getBoolean("project_planned"));
        input.setBudgetConfirmed(rs.getBoolean("budget_confirmed"));
        String timeline = rs.getString("purchase_timeline");
        input.setTimeline(timeline == null ? PurchaseTimeline.UNKNOWN : PurchaseTimeline.valueOf(timeline));
        input.setExternalId(rs.getString("external_id"));
        String legalBasis = rs.getString("legal_basis");
        input.setLegalBasis(legalBasis == null ? null : LegalBasis.valueOf(legalBasis));
        input.setConsentText(rs.getString("consent_text"));
        input.setConsentGivenAt(instant(rs, "consent_given_at"));
        String origin = rs.getString("origin");
        return new StoredLead(
                rs.getLong("id"),
                input,
                Stage.valueOf(rs.getString("stage")),
                longOrNull(rs, "owner_id"),
                rs.getBigDecimal("deal_value"),
                longOrNull(rs, "created_by"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                rs.getLong("version"),
                instant(rs, "re_engaged_at"),
                new LeadOrigin(
                        origin == null ? null : LeadOrigin.Kind.valueOf(origin),
                        longOrNull(rs, "created_by"),
                        rs.getObject("origin_api_key_id", UUID.class),
                        longOrNull(rs, "origin_import_id"),
                        rs.getString("origin_label")));
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
