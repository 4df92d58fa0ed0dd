package io.leadbridge.lead;

import io.leadbridge.lead.LeadManagement.Channel;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.timeline.FieldChange;
import io.leadbridge.timeline.LeadEntriesEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Leads that come back (issue 19): a person the workspace knows, sent again by marketing automation (the intake API
 * with {@code onExisting} {@code update}, a batch, or an import with "update existing leads"), updates the existing
 * lead instead of being refused as a duplicate.
 *
 * <p>Only the fields sent change; the lead is evaluated again in the same transaction (the {@link LeadEvaluator}s, as
 * for an edit); it stays in its stage. A lead in nurture that qualifies now is marked re-engaged ({@code
 * re_engaged_at}) and the marketers are told ({@link ReEngagementNotices}) — it is not moved to "marketing qualified",
 * just as a new lead that qualifies is not: the evaluation says it qualifies, the stage is the owning team's decision,
 * and a marketer can hand it off from nurture directly (docs/adr/0013). A lead in any other stage (a sales stage, won,
 * lost, disqualified) is updated and timelined, nothing more.
 *
 * <p>Set-based like {@link LeadBulk}: the existing leads of a whole list in one look-up, the updates as one JDBC batch
 * guarded by each lead's version (its optimistic lock), one evaluation and one look-up of who qualifies. The look-up for
 * an import locks the rows ({@code FOR UPDATE}); the API reads without a lock and a version that moved meanwhile
 * refuses the whole write with {@link LeadProblem.ChangedWhileReturning}, which the caller retries or answers as 409.
 */
@Component
class LeadReturns {

    /** The timeline's code of "engaged again". */
    static final String RE_ENGAGED = "RE_ENGAGED";

    /** How long a re-engaged lead counts as "recently re-engaged": the list's filter and the lead page's badge. */
    static final Duration RECENTLY = Duration.ofDays(30);

    static final int BATCH = 1_000;

    private static final String COLUMNS = """
            id, first_name, last_name, email, phone, job_title, company_name, website, employees, industry,
            department, country, source, campaign, engagement_score, project_planned, budget_confirmed,
            purchase_timeline, external_id, legal_basis, consent_text, consent_given_at, stage, version""";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final List<LeadEvaluator> evaluators;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    LeadReturns(
            JdbcClient jdbc,
            JdbcTemplate jdbcTemplate,
            List<LeadEvaluator> evaluators,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.evaluators = evaluators;
        this.events = events;
        this.clock = clock;
    }

    /** A lead of the workspace as it is now: its fields, stage and version. */
    record Existing(long id, LeadInput data, Stage stage, long version) {

        String name() {
            return name(data);
        }

        static String name(LeadInput data) {
            String name = ((data.getFirstName() == null ? "" : data.getFirstName()) + " "
                            + (data.getLastName() == null ? "" : data.getLastName()))
                    .strip();
            return name.isEmpty() ? data.getEmail() : name;
        }
    }

    /** A person who came back: the lead they are, and what was sent for them (raw: only what was sent is set). */
    record Return(Existing existing, LeadInput sent) {

        /** The lead as it will be: the fields sent over the existing ones, normalized. */
        LeadInput merged() {
            return sent.overlaidOn(existing.data()).normalized();
        }
    }

    /** What came of a return: the lead, what changed, and whether it went back in front of marketing. */
    record Returned(long leadId, List<FieldChange> changes, boolean backToMarketing) {}

    /**
     * The workspace's leads with these e-mail addresses (any case), by lower-cased address; with {@code lock}, their rows
     * locked until the transaction ends. Chunked like {@link LeadBulk#taken}.
     */
    Map<String, Existing> byEmail(Collection<String> emails, boolean lock) {
        List<String> lower =
                emails.stream().map(e -> e.toLowerCase(Locale.ROOT)).distinct().toList();
        Map<String, Existing> found = new HashMap<>();
        for (int from = 0; from < lower.size(); from += LeadBulk.LOOKUP_CHUNK) {
            List<String> chunk = lower.subList(from, Math.min(lower.size(), from + LeadBulk.LOOKUP_CHUNK));
            jdbc.sql("select " + COLUMNS + " from lead where tenant_id = ? and lower(email) = any(?)"
                            + (lock ? " order by id for update" : ""))
                    .params(CurrentTenant.require(), chunk.toArray(String[]::new))
                    .query((rs, row) -> {
                        Existing existing = existing(rs);
                        return found.put(existing.data().getEmail().toLowerCase(Locale.ROOT), existing);
                    })
                    .list();
        }
        return found;
    }

    /** The workspace's leads holding these external ids, by external id. */
    Map<String, Existing> byExternalId(Collection<String> externalIds) {
        Map<String, Existing> found = new HashMap<>();
        List<String> ids = List.copyOf(new HashSet<>(externalIds));
        for (int from = 0; from < ids.size(); from += LeadBulk.LOOKUP_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + LeadBulk.LOOKUP_CHUNK));
            jdbc.sql("select " + COLUMNS + " from lead where tenant_id = ? and external_id = any(?)")
                    .params(CurrentTenant.require(), chunk.toArray(String[]::new))
                    .query((rs, row) -> {
                        Existing existing = existing(rs);
                        return found.put(existing.data().getExternalId(), existing);
                    })
                    .list();
        }
        return found;
    }

    /**
     * The lead holding the external id that a return would give to {@code self}, when that is another lead (a
     * duplicate by external id), else null.
     */
    Existing externalIdTakenFrom(LeadInput merged, long self, Map<String, Existing> byExternalId) {
        if (merged.getExternalId() == null) {
            return null;
        }
        Existing holder = byExternalId.get(merged.getExternalId());
        return holder == null || holder.id() == self ? null : holder;
    }

    private static Existing existing(ResultSet rs) throws SQLException {
        LeadInput d = new LeadInput();
        d.setFirstName(rs.getString("first_name"));
        d.setLastName(rs.getString("last_name"));
        d.setEmail(rs.getString("email"));
        d.setPhone(rs.getString("phone"));
        d.setJobTitle(rs.getString("job_title"));
        d.setCompanyName(rs.getString("company_name"));
        d.setWebsite(rs.getString("website"));
        d.setEmployees((Integer) rs.getObject("employees"));
        d.setIndustry(rs.getString("industry"));
        d.setDepartment(rs.getString("department"));
        d.setCountry(rs.getString("country"));
        d.setSource(rs.getString("source"));
        d.setCampaign(rs.getString("campaign"));
        d.setEngagementScore((Integer) rs.getObject("engagement_score"));
        d.setProjectPlanned(rs.getBoolean("project_planned"));
        d.setBudgetConfirmed(rs.getBoolean("budget_confirmed"));
        d.setTimeline(PurchaseTimeline.valueOf(rs.getString("purchase_timeline")));
        d.setExternalId(rs.getString("external_id"));
        d.setLegalBasis(rs.getString("legal_basis") == null ? null : LegalBasis.valueOf(rs.getString("legal_basis")));
        d.setConsentText(rs.getString("consent_text"));
        java.sql.Timestamp consentGivenAt = rs.getTimestamp("consent_given_at");
        d.setConsentGivenAt(consentGivenAt == null ? null : consentGivenAt.toInstant());
        return new Existing(rs.getLong("id"), d, Stage.valueOf(rs.getString("stage")), rs.getLong("version"));
    }

    /**
     * Applies the returns, in the caller's transaction: writes the fields sent (each lead at the version it was read,
     * else {@link LeadProblem.ChangedWhileReturning} and nothing is kept), evaluates the leads again, marks those in
     * nurture that qualify now as re-engaged, and publishes "engaged again" for the timeline and the marketers — one
     * {@link LeadReEngaged} for a single lead from the API, one {@link LeadsReEngaged} for many (or from a file). Each
     * lead must appear once. Answers the outcome per return, in order.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    List<Returned> apply(List<Return> returns, Actor actor, Channel channel, String file) {
        if (returns.isEmpty()) {
            return List.of();
        }
        UUID tenant = CurrentTenant.require();
        Timestamp now = Timestamp.from(clock.instant());
        List<LeadInput> merged = new ArrayList<>(returns.size());
        List<List<FieldChange>> changes = new ArrayList<>(returns.size());
        List<Object[]> writes = new ArrayList<>();
        List<Long> written = new ArrayList<>();
        for (Return r : returns) {
            LeadInput after = r.merged();
            List<FieldChange> changed = r.existing().data().changesTo(after);
            merged.add(after);
            changes.add(changed);
            if (!changed.isEmpty()) {
                written.add(r.existing().id());
                writes.add(new Object[] {
                    after.getFirstName(),
                    after.getLastName(),
                    after.getEmail(),
                    after.getPhone(),
                    after.getJobTitle(),
                    after.getCompanyName(),
                    after.getWebsite(),
                    after.getEmployees(),
                    after.getIndustry(),
                    after.getDepartment(),
                    after.getCountry(),
                    after.getSource(),
                    after.getCampaign(),
                    after.getEngagementScore(),
                    Boolean.TRUE.equals(after.getProjectPlanned()),
                    Boolean.TRUE.equals(after.getBudgetConfirmed()),
                    after.getTimeline().name(),
                    after.getExternalId(),
                    after.getLegalBasis() == null ? null : after.getLegalBasis().name(),
                    after.getConsentText(),
                    after.getConsentGivenAt() == null ? null : Timestamp.from(after.getConsentGivenAt()),
                    now,
                    tenant,
                    r.existing().id(),
                    r.existing().version()
                });
            }
        }
        for (int from = 0; from < writes.size(); from += BATCH) {
            int to = Math.min(writes.size(), from + BATCH);
            int[] counts = jdbcTemplate.batchUpdate("""
                    update lead set first_name = ?, last_name = ?, email = ?, phone = ?, job_title = ?,
                        company_name = ?, website = ?, employees = ?, industry = ?, department = ?, country = ?,
                        source = ?, campaign = ?, engagement_score = ?, project_planned = ?, budget_confirmed = ?,
                        purchase_timeline = ?, external_id = ?, legal_basis = ?, consent_text = ?,
                        consent_given_at = ?, updated_at = ?, version = version + 1
                    where tenant_id = ? and id = ? and version = ?
                    """, writes.subList(from, to));
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    throw new LeadProblem.ChangedWhileReturning(written.get(from + i));
                }
            }
        }
        List<Long> ids = returns.stream().map(r -> r.existing().id()).toList();
        // In this transaction, before it commits (see LeadEvaluator), as for an edit: the criteria judge the new data.
        evaluators.forEach(evaluator -> evaluator.evaluate(ids));
        Set<Long> back = new HashSet<>(jdbc.sql("""
                        select l.id from lead l
                        join lead_qualification q on q.tenant_id = l.tenant_id and q.lead_id = l.id
                        where l.tenant_id = ? and l.id = any(?) and l.stage = ? and q.qualified
                        """)
                .params(tenant, ids.toArray(Long[]::new), Stage.NURTURE.name())
                .query(Long.class)
                .list());
        if (!back.isEmpty()) {
            jdbc.sql("""
                            update lead set re_engaged_at = ?, version = version + 1
                            where tenant_id = ? and id = any(?)
                            """).params(now, tenant, back.toArray(Long[]::new)).update();
        }
        List<Returned> results = new ArrayList<>(returns.size());
        for (int i = 0; i < returns.size(); i++) {
            long id = ids.get(i);
            results.add(new Returned(id, changes.get(i), back.contains(id)));
        }
        publish(returns, merged, results, actor, channel, file);
        return results;
    }

    private void publish(
            List<Return> returns,
            List<LeadInput> merged,
            List<Returned> results,
            Actor actor,
            Channel channel,
            String file) {
        UUID tenant = CurrentTenant.require();
        if (returns.size() == 1 && file == null) {
            LeadInput sent = returns.get(0).sent().normalized();
            Returned result = results.get(0);
            events.publishEvent(new LeadReEngaged(
                    tenant,
                    result.leadId(),
                    actor,
                    channel,
                    sent.getSource(),
                    sent.getCampaign(),
                    result.backToMarketing(),
                    Existing.name(merged.get(0)),
                    result.changes()));
            return;
        }
        List<LeadEntriesEvent.Entry> entries = new ArrayList<>(returns.size());
        for (int i = 0; i < returns.size(); i++) {
            LeadInput sent = returns.get(i).sent().normalized();
            Returned result = results.get(i);
            Map<String, String> facts = new LinkedHashMap<>();
            if (sent.getSource() != null) {
                facts.put("source", sent.getSource());
            }
            if (sent.getCampaign() != null) {
                facts.put("campaign", sent.getCampaign());
            }
            facts.put("backToMarketing", Boolean.toString(result.backToMarketing()));
            facts.put("leadName", Existing.name(merged.get(i)));
            entries.add(new LeadEntriesEvent.Entry(result.leadId(), facts, result.changes()));
        }
        events.publishEvent(new LeadsReEngaged(tenant, actor, channel, file, entries));
    }
}
