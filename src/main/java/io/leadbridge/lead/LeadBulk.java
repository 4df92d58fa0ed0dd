package io.leadbridge.lead;

import io.leadbridge.lead.LeadManagement.Channel;
import io.leadbridge.tenant.CurrentTenant;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Many leads at once, for the CSV import and the intake API's batches: the workspace's duplicates of a whole list in
 * one look-up, and the new leads written with batched inserts, one set-based timeline insert and one set-based
 * evaluation — a few statements per thousand leads instead of several per lead.
 */
@Component
class LeadBulk {

    static final int BATCH = 1_000;
    static final int LOOKUP_CHUNK = 10_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final List<LeadEvaluator> evaluators;
    private final ApplicationEventPublisher events;
    private final LeadSearchIndexing searchIndexing;
    private final Clock clock;

    LeadBulk(
            JdbcClient jdbc,
            JdbcTemplate jdbcTemplate,
            List<LeadEvaluator> evaluators,
            ApplicationEventPublisher events,
            LeadSearchIndexing searchIndexing,
            Clock clock) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.evaluators = evaluators;
        this.events = events;
        this.searchIndexing = searchIndexing;
        this.clock = clock;
    }

    /** A lead of the workspace that a new one would duplicate: the field they share ({@code email}, {@code externalId}). */
    record Taken(String field, long leadId) {}

    /**
     * For each of these leads, the workspace's lead it would duplicate — by e-mail address first, then by external id —
     * or null; the whole list in two look-ups.
     */
    List<Taken> taken(List<LeadInput> leads) {
        Map<String, Long> emails = existing(
                "select lower(email), id from lead where tenant_id = ? and lower(email) = any(?)",
                leads.stream().map(LeadBulk::email).toList());
        Map<String, Long> externalIds = existing(
                "select external_id, id from lead where tenant_id = ? and external_id = any(?)",
                leads.stream()
                        .map(LeadInput::getExternalId)
                        .filter(Objects::nonNull)
                        .toList());
        List<Taken> taken = new ArrayList<>(leads.size());
        for (LeadInput lead : leads) {
            Long byEmail = emails.get(email(lead));
            Long byExternalId = lead.getExternalId() == null ? null : externalIds.get(lead.getExternalId());
            taken.add(
                    byEmail != null
                            ? new Taken("email", byEmail)
                            : byExternalId != null ? new Taken("externalId", byExternalId) : null);
        }
        return taken;
    }

    private static String email(LeadInput lead) {
        return lead.getEmail().toLowerCase(Locale.ROOT);
    }

    private Map<String, Long> existing(String sql, List<String> values) {
        Map<String, Long> found = new HashMap<>();
        for (int from = 0; from < values.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = values.subList(from, Math.min(values.size(), from + LOOKUP_CHUNK));
            jdbc.sql(sql)
                    .params(CurrentTenant.require(), chunk.toArray(String[]::new))
                    .query((rs, row) -> found.put(rs.getString(1), rs.getLong(2)))
                    .list();
        }
        return found;
    }

    /**
     * Creates the leads, which must be valid and {@link LeadInput#normalized()}, in the caller's transaction (their
     * search rows are {@linkplain LeadSearchIndexing deferred} to after the commit): they are evaluated by the {@link LeadEvaluator}s in the same transaction, and published as {@link LeadsCreated} through
     * {@code channel} (from {@code file}, for an import) for the timeline once it has committed. Answers the new ids in the order of {@code valid}; {@code written} hears how many rows each insert
     * batch wrote.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    List<Long> create(List<LeadInput> valid, Actor actor, Channel channel, String file, IntConsumer written) {
        return create(valid, actor, channel, null, file, written);
    }

    /** The same, for the import {@code importId} (kept as the leads' origin). */
    @Transactional(propagation = Propagation.MANDATORY)
    List<Long> create(
            List<LeadInput> valid, Actor actor, Channel channel, Long importId, String file, IntConsumer written) {
        LeadOrigin origin = LeadOrigin.of(actor, channel, importId, file);
        if (valid.isEmpty()) {
            return List.of();
        }
        // Their search rows are written by the job after the commit (ADR 0028): a batch of 500 leads spent about a
        // fifth
        // of its database time on the trigram index. Searches find them in the backlog meanwhile.
        searchIndexing.deferInThisTransaction();
        List<Long> ids = jdbc.sql("select nextval('lead_id_seq') from generate_series(1, ?)")
                .param(valid.size())
                .query(Long.class)
                .list();
        Timestamp now = Timestamp.from(clock.instant());
        UUID tenant = CurrentTenant.require();
        for (int from = 0; from < valid.size(); from += BATCH) {
            int to = Math.min(valid.size(), from + BATCH);
            List<Object[]> batch = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                LeadInput l = valid.get(i);
                batch.add(new Object[] {
                    ids.get(i),
                    tenant,
                    l.getFirstName(),
                    l.getLastName(),
                    l.getEmail(),
                    l.getPhone(),
                    l.getJobTitle(),
                    l.getCompanyName(),
                    l.getWebsite(),
                    l.getEmployees(),
                    l.getIndustry(),
                    l.getDepartment(),
                    l.getCountry(),
                    l.getSource(),
                    l.getCampaign(),
                    l.getEngagementScore(),
                    Boolean.TRUE.equals(l.getProjectPlanned()),
                    Boolean.TRUE.equals(l.getBudgetConfirmed()),
                    l.getTimeline().name(),
                    l.getExternalId(),
                    actor.personId(),
                    now,
                    now,
                    l.getLegalBasis() == null ? null : l.getLegalBasis().name(),
                    l.getConsentText(),
                    l.getConsentGivenAt() == null ? null : Timestamp.from(l.getConsentGivenAt()),
                    origin.kind().name(),
                    origin.apiKeyId(),
                    origin.importId(),
                    origin.label()
                });
            }
            jdbcTemplate.batchUpdate("""
                    insert into lead (id, tenant_id, first_name, last_name, email, phone, job_title, company_name,
                        website, employees, industry, department, country, source, campaign, engagement_score,
                        project_planned, budget_confirmed, purchase_timeline, external_id, created_by, created_at,
                        updated_at, legal_basis, consent_text, consent_given_at, origin, origin_api_key_id,
                        origin_import_id, origin_label)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, batch);
            written.accept(to - from);
        }
        created(ids, actor, channel, file);
        return ids;
    }

    /**
     * What follows the writing of new leads (by {@link #create} or {@link ImportStaging}), in the caller's
     * transaction: they are evaluated by the {@link LeadEvaluator}s and published as one {@link LeadsCreated}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void created(List<Long> ids, Actor actor, Channel channel, String file) {
        if (ids.size() > BATCH) {
            // The foreign-key checks of the evaluation rows look the new leads up with plans this
            // connection cached when the table was small (a sequential scan); planned again now, they use the index.
            // Without this a 100,000-row import can spend minutes in quadratic look-ups.
            jdbc.sql("discard plans").update();
        }
        events.publishEvent(new LeadsCreated(CurrentTenant.require(), ids, actor, channel, file));
        // In this transaction, before it commits (see LeadEvaluator): no new lead is ever seen unevaluated.
        evaluators.forEach(evaluator -> evaluator.evaluate(ids));
    }
}
