package io.leadbridge.lead;

import io.leadbridge.lead.LeadManagement.Channel;
import io.leadbridge.tenant.CurrentTenant;
import java.sql.Timestamp;
import java.sql.Types;
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
    private final List<LeadEvaluator> evaluators;
    private final ApplicationEventPublisher events;
    private final LeadSearchIndexing searchIndexing;
    private final Clock clock;

    LeadBulk(
            JdbcClient jdbc,
            List<LeadEvaluator> evaluators,
            ApplicationEventPublisher events,
            LeadSearchIndexing searchIndexing,
            Clock clock) {
        this.jdbc = jdbc;
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
            insert(valid.subList(from, to), ids.subList(from, to), tenant, actor, origin, now);
            written.accept(to - from);
        }
        created(ids, actor, channel, file);
        return ids;
    }

    /**
     * Writes {@code leads} with the {@code ids} drawn for them in one statement: each per-lead column is one array
     * parameter, unnested row by row, and what every lead of the call shares (workspace, creator, time, origin) is one
     * scalar. One statement instead of pgjdbc's rewritten batch of seven multi-row inserts (128/128/128/64/32/16/4 rows
     * for 500 leads) parses and binds 25 parameters instead of 15,000, and runs the table's statement-level triggers
     * (the kept counts, the search backlog) once instead of seven times (ADR 0034). The ids are the first array: the
     * benchmark's capture ({@code bench/lib/bench.py}) reads them from there.
     */
    private void insert(
            List<LeadInput> leads, List<Long> ids, UUID tenant, Actor actor, LeadOrigin origin, Timestamp now) {
        int n = leads.size();
        String[] firstNames = new String[n], lastNames = new String[n], emails = new String[n], phones = new String[n];
        String[] jobTitles = new String[n], companies = new String[n], websites = new String[n];
        String[] industries = new String[n], departments = new String[n], countries = new String[n];
        String[] sources = new String[n], campaigns = new String[n], timelines = new String[n];
        String[] externalIds = new String[n], legalBases = new String[n], consentTexts = new String[n];
        String[] consentGivenAt = new String[n];
        Integer[] employees = new Integer[n], scores = new Integer[n];
        Boolean[] projects = new Boolean[n], budgets = new Boolean[n];
        for (int i = 0; i < n; i++) {
            LeadInput l = leads.get(i);
            firstNames[i] = l.getFirstName();
            lastNames[i] = l.getLastName();
            emails[i] = l.getEmail();
            phones[i] = l.getPhone();
            jobTitles[i] = l.getJobTitle();
            companies[i] = l.getCompanyName();
            websites[i] = l.getWebsite();
            employees[i] = l.getEmployees();
            industries[i] = l.getIndustry();
            departments[i] = l.getDepartment();
            countries[i] = l.getCountry();
            sources[i] = l.getSource();
            campaigns[i] = l.getCampaign();
            scores[i] = l.getEngagementScore();
            projects[i] = Boolean.TRUE.equals(l.getProjectPlanned());
            budgets[i] = Boolean.TRUE.equals(l.getBudgetConfirmed());
            timelines[i] = l.getTimeline().name();
            externalIds[i] = l.getExternalId();
            legalBases[i] = l.getLegalBasis() == null ? null : l.getLegalBasis().name();
            consentTexts[i] = l.getConsentText();
            // An instant's ISO form (…Z), which timestamptz reads exactly, whatever the session's time zone.
            consentGivenAt[i] =
                    l.getConsentGivenAt() == null ? null : l.getConsentGivenAt().toString();
        }
        jdbc.sql("""
                        insert into lead (id, tenant_id, first_name, last_name, email, phone, job_title, company_name,
                            website, employees, industry, department, country, source, campaign, engagement_score,
                            project_planned, budget_confirmed, purchase_timeline, external_id, created_by, created_at,
                            updated_at, legal_basis, consent_text, consent_given_at, origin, origin_api_key_id,
                            origin_import_id, origin_label)
                        select t.id, :tenant, t.first_name, t.last_name, t.email, t.phone, t.job_title, t.company_name,
                            t.website, t.employees, t.industry, t.department, t.country, t.source, t.campaign,
                            t.engagement_score, t.project_planned, t.budget_confirmed, t.purchase_timeline,
                            t.external_id, :createdBy, :now, :now, t.legal_basis, t.consent_text, t.consent_given_at,
                            :origin, :originApiKey, :originImport, :originLabel
                        from unnest(cast(:ids as bigint[]), cast(:firstNames as text[]), cast(:lastNames as text[]),
                                    cast(:emails as text[]), cast(:phones as text[]), cast(:jobTitles as text[]),
                                    cast(:companies as text[]), cast(:websites as text[]), cast(:employees as int[]),
                                    cast(:industries as text[]), cast(:departments as text[]),
                                    cast(:countries as text[]), cast(:sources as text[]), cast(:campaigns as text[]),
                                    cast(:scores as int[]), cast(:projects as boolean[]), cast(:budgets as boolean[]),
                                    cast(:timelines as text[]), cast(:externalIds as text[]),
                                    cast(:legalBases as text[]), cast(:consentTexts as text[]),
                                    cast(:consentGivenAt as timestamptz[]))
                            with ordinality as t (id, first_name, last_name, email, phone, job_title, company_name,
                                website, employees, industry, department, country, source, campaign, engagement_score,
                                project_planned, budget_confirmed, purchase_timeline, external_id, legal_basis,
                                consent_text, consent_given_at, position)
                        order by t.position
                        """)
                .param("ids", ids.toArray(Long[]::new))
                .param("tenant", tenant)
                .param("firstNames", firstNames)
                .param("lastNames", lastNames)
                .param("emails", emails)
                .param("phones", phones)
                .param("jobTitles", jobTitles)
                .param("companies", companies)
                .param("websites", websites)
                .param("employees", employees)
                .param("industries", industries)
                .param("departments", departments)
                .param("countries", countries)
                .param("sources", sources)
                .param("campaigns", campaigns)
                .param("scores", scores)
                .param("projects", projects)
                .param("budgets", budgets)
                .param("timelines", timelines)
                .param("externalIds", externalIds)
                .param("createdBy", actor.personId(), Types.BIGINT)
                .param("now", now)
                .param("legalBases", legalBases)
                .param("consentTexts", consentTexts)
                .param("consentGivenAt", consentGivenAt)
                .param("origin", origin.kind().name())
                .param("originApiKey", origin.apiKeyId(), Types.OTHER)
                .param("originImport", origin.importId(), Types.BIGINT)
                .param("originLabel", origin.label(), Types.VARCHAR)
                .update();
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
