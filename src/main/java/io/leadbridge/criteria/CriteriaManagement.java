package io.leadbridge.criteria;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.agreement.AgreementActivated;
import io.leadbridge.agreement.AgreementContent;
import io.leadbridge.agreement.AgreementManagement;
import io.leadbridge.agreement.AgreementVersion;
import io.leadbridge.agreement.Kind;
import io.leadbridge.agreement.Status;
import io.leadbridge.criteria.Criteria.Criterion;
import io.leadbridge.criteria.Criteria.Mode;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.tenant.WorkspaceOpened;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** The criteria of a good lead: proposals, the active version, each lead's evaluation, and the what-if. */
@Service
public class CriteriaManagement implements AgreementContent<CriteriaManagement.Version> {

    private final JdbcClient jdbc;
    private final AgreementManagement agreements;
    private final Reevaluation reevaluation;
    private final ObjectMapper json;
    private final Clock clock;

    CriteriaManagement(
            JdbcClient jdbc,
            AgreementManagement agreements,
            Reevaluation reevaluation,
            ObjectMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.agreements = agreements;
        this.reevaluation = reevaluation;
        this.json = json;
        this.clock = clock;
    }

    /** A version of the criteria: the agreement record and what it says. */
    public record Version(AgreementVersion agreement, Criteria criteria) implements AgreementContent.Versioned {}

    /** One difference between two versions. */
    /** One criterion that differs: how it counts and what it asks for, before and after. */
    public record Difference(
            Criterion criterion, Mode beforeMode, String beforeExpectation, Mode afterMode, String afterExpectation) {}

    Criteria parse(String content) {
        return json.readValue(content, Criteria.class);
    }

    String json(Criteria criteria) {
        return json.writeValueAsString(criteria);
    }

    @Transactional(readOnly = true)
    public Version active() {
        AgreementVersion active = agreements.active(Kind.CRITERIA).orElseThrow();
        return new Version(active, parse(active.content()));
    }

    @Transactional(readOnly = true)
    public Version version(long id) {
        AgreementVersion version = agreements.version(Kind.CRITERIA, id);
        return new Version(version, parse(version.content()));
    }

    /**
     * A version that is or was in force, as a base posted with a form; any other id (a proposal, someone's private
     * draft) answers 404, so a forged base cannot show a draft's settings.
     */
    @Transactional(readOnly = true)
    public Version base(long id) {
        AgreementVersion version = agreements.pastOrActiveVersion(Kind.CRITERIA, id);
        return new Version(version, parse(version.content()));
    }

    @Transactional(readOnly = true)
    public List<Version> history() {
        return agreements.history(Kind.CRITERIA).stream()
                .map(v -> new Version(v, parse(v.content())))
                .toList();
    }

    /** Proposes a new version on top of the active one. */
    public Version propose(Criteria criteria, String summary, SignedInAccount person) {
        return new Version(agreements.propose(Kind.CRITERIA, json(criteria), summary, person), criteria);
    }

    /**
     * Proposes a new version, or the person's draft {@code draftId} with this content, made on the version {@code
     * baseId} (refused with {@code agreement.baseChanged} if that is no longer the active one).
     */
    public Version propose(Long draftId, Long baseId, Criteria criteria, String summary, SignedInAccount person) {
        AgreementVersion proposed = agreements.propose(Kind.CRITERIA, draftId, baseId, json(criteria), summary, person);
        return new Version(proposed, criteria);
    }

    public Version saveDraft(Long draftId, Long baseId, Criteria criteria, String summary, SignedInAccount person) {
        return new Version(
                agreements.saveDraft(Kind.CRITERIA, draftId, baseId, json(criteria), summary, person), criteria);
    }

    /**
     * What {@code criteria}, made on the version {@code baseId}, says on top of the active version: its changes
     * relative to its base, applied to the active version (as it is when the base is the active one).
     */
    @Transactional(readOnly = true)
    public Criteria onTopOfActive(Long baseId, Criteria criteria) {
        Version active = active();
        if (baseId == null || baseId == active.agreement().id()) {
            return criteria;
        }
        return criteria.changesOnto(version(baseId).criteria(), active.criteria());
    }

    public void discardDraft(long draftId, SignedInAccount person) {
        agreements.discardDraft(Kind.CRITERIA, draftId, person);
    }

    @Transactional(readOnly = true)
    public List<Version> drafts(SignedInAccount person) {
        return agreements.drafts(Kind.CRITERIA, person).stream()
                .map(v -> new Version(v, parse(v.content())))
                .toList();
    }

    /** A version as the person may see it (another person's draft answers 404). */
    @Transactional(readOnly = true)
    public Version version(long id, SignedInAccount person) {
        AgreementVersion version = agreements.visibleVersion(Kind.CRITERIA, id, person);
        return new Version(version, parse(version.content()));
    }

    /** The workspace's industry codes, for the form and its validation. */
    @Transactional(readOnly = true)
    public List<String> industries() {
        return jdbc.sql("select code from lead_industry where tenant_id = ? order by position, code")
                .param(CurrentTenant.require())
                .query(String.class)
                .list();
    }

    @Override
    public List<Difference> differences(Version before, Version after) {
        return diff(before.criteria(), after.criteria());
    }

    /** Every criterion where the two versions differ. */
    public List<Difference> diff(Criteria before, Criteria after) {
        List<Difference> differences = new ArrayList<>();
        for (Criterion criterion : Criterion.values()) {
            Mode b = before.mode(criterion);
            Mode a = after.mode(criterion);
            String be = b == Mode.OFF ? "" : before.expectation(criterion);
            String ae = a == Mode.OFF ? "" : after.expectation(criterion);
            if (a != b || (a != Mode.OFF && !after.sameExpectation(criterion, before))) {
                differences.add(new Difference(criterion, b, be, a, ae));
            }
        }
        return differences;
    }

    /** A version that was made on nothing has no base of its own: it is compared as a proposal. */
    @Override
    @Transactional(readOnly = true)
    public Optional<Version> madeOn(Long baseVersionId) {
        return Optional.ofNullable(baseVersionId).map(this::version);
    }

    /**
     * The lead's evaluation against the version it was last evaluated with: the active one once the active version's
     * re-evaluation has passed the lead, also when it left the lead's evaluation as it was (a re-evaluation writes only
     * the outcomes that change, see {@link Reevaluation}); until then the version that last wrote it.
     */
    @Transactional(readOnly = true)
    public Optional<LeadEvaluation> evaluationOf(long leadId) {
        return jdbc.sql("""
                        select v.id as version_id, v.number, v.content::text as content, e.qualified, e.score,
                               e.met::text as met, e.evaluated_at
                        from lead_evaluation e
                        left join lateral (
                            select r.version_id from criteria_reevaluation r
                            join agreement_version_record a on a.tenant_id = r.tenant_id and a.id = r.version_id
                            where r.tenant_id = e.tenant_id and r.version_id <> e.version_id and a.status = ?
                              and (r.status = 'DONE' or r.through_lead_id >= e.lead_id)
                            limit 1
                        ) passed on true
                        join agreement_version_record v
                          on v.tenant_id = e.tenant_id and v.id = coalesce(passed.version_id, e.version_id)
                        where e.tenant_id = ? and e.lead_id = ?
                        """)
                .params(Status.ACTIVE.name(), CurrentTenant.require(), leadId)
                .query(this::evaluation)
                .optional();
    }

    /**
     * How the lead fares today against another version (e.g. the one active when it was handed off), computed on the
     * fly and not stored.
     */
    @Transactional(readOnly = true)
    public Optional<LeadEvaluation> evaluationAgainst(long leadId, long versionId) {
        AgreementVersion version = agreements.version(Kind.CRITERIA, versionId);
        CriteriaSql sql = new CriteriaSql(parse(version.content()), "c_");
        return jdbc.sql("""
                        select :versionId as version_id, :number as number, cast(:content as text) as content,
                               %s as qualified, %s as score, (%s)::text as met, now() as evaluated_at
                        from lead_record l where l.tenant_id = :tenant and l.id = :leadId
                        """.formatted(sql.qualified(), sql.score(), sql.metObject()))
                .param("versionId", versionId)
                .param("number", version.number())
                .param("content", version.content())
                .param("tenant", CurrentTenant.require())
                .param("leadId", leadId)
                .params(sql.parameters)
                .query(this::evaluation)
                .optional();
    }

    private LeadEvaluation evaluation(ResultSet rs, int row) throws SQLException {
        Criteria criteria = parse(rs.getString("content"));
        Map<String, Boolean> met = json.readValue(rs.getString("met"), new TypeReference<Map<String, Boolean>>() {});
        List<LeadEvaluation.Result> results = new ArrayList<>();
        for (Criterion criterion : criteria.active()) {
            results.add(new LeadEvaluation.Result(
                    criterion,
                    criteria.mode(criterion),
                    criteria.expectation(criterion),
                    Boolean.TRUE.equals(met.get(criterion.name()))));
        }
        return new LeadEvaluation(
                rs.getLong("version_id"),
                rs.getInt("number"),
                rs.getBoolean("qualified"),
                rs.getInt("score"),
                rs.getTimestamp("evaluated_at").toInstant(),
                results);
    }

    /**
     * Evaluates the given leads (one from the form or the API, many from a batch or an import) against the active
     * version, in the caller's transaction: the lead module's, through {@link EvaluationOnWrite}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    int evaluate(List<Long> leadIds) {
        if (leadIds.isEmpty()) {
            return 0;
        }
        Version active = active();
        return evaluate(
                active.agreement().id(),
                active.criteria(),
                "l.id = any(:leadIds)",
                Map.of("leadIds", leadIds.toArray(Long[]::new)));
    }

    /**
     * Writes the evaluation of the leads matching {@code where} (inside a transaction). Two bulk evaluations of the
     * same leads at once (an import and a background re-evaluation) can deadlock; the re-evaluation retries its batch.
     */
    int evaluate(long versionId, Criteria criteria, String where, Map<String, Object> parameters) {
        CriteriaSql sql = new CriteriaSql(criteria, "c_");
        return jdbc.sql("""
                        insert into lead_evaluation (tenant_id, lead_id, version_id, qualified, score, met, evaluated_at,
                                                     lead_created_day)
                        select l.tenant_id, l.id, :versionId, %s, %s, %s, now(),
                               cast(l.created_at at time zone 'UTC' as date)
                        from lead_record l
                        where l.tenant_id = :tenant and %s
                        on conflict (tenant_id, lead_id) do update set version_id = excluded.version_id,
                            qualified = excluded.qualified, score = excluded.score, met = excluded.met,
                            evaluated_at = excluded.evaluated_at
                        """.formatted(sql.qualified(), sql.score(), sql.metObject(), where))
                .param("versionId", versionId)
                .param("tenant", CurrentTenant.require())
                .params(sql.parameters)
                .params(parameters)
                .update();
    }

    /** Counts, in the database, how recent leads fare under the proposal and under the active version. */
    @Transactional(readOnly = true)
    public WhatIf whatIf(Criteria proposal, int days) {
        Criteria active = active().criteria();
        CriteriaSql now = new CriteriaSql(active, "a_");
        CriteriaSql proposed = new CriteriaSql(proposal, "p_");
        Timestamp since = Timestamp.from(clock.instant().minus(Duration.ofDays(days)));
        String filter = "l.tenant_id = :tenant and l.created_at >= :since";
        long[] counts = jdbc.sql("""
                        select count(*), count(*) filter (where %1$s), count(*) filter (where %2$s),
                               count(*) filter (where %2$s and not %1$s), count(*) filter (where %1$s and not %2$s)
                        from lead_record l where %3$s
                        """.formatted(now.qualified(), proposed.qualified(), filter))
                .param("tenant", CurrentTenant.require())
                .param("since", since)
                .params(now.parameters)
                .params(proposed.parameters)
                .query((rs, row) ->
                        new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)})
                .single();
        return new WhatIf(
                days,
                counts[0],
                counts[1],
                counts[2],
                counts[3],
                counts[4],
                examples(filter + " and " + proposed.qualified() + " and not " + now.qualified(), since, now, proposed),
                examples(
                        filter + " and " + now.qualified() + " and not " + proposed.qualified(), since, now, proposed));
    }

    private List<WhatIf.Example> examples(String where, Timestamp since, CriteriaSql now, CriteriaSql proposed) {
        return jdbc.sql("""
                        select l.id, trim(coalesce(l.first_name, '') || ' ' || coalesce(l.last_name, '')) as name,
                               l.email, l.company_name
                        from lead_record l where %s order by l.created_at desc, l.id desc limit 5
                        """.formatted(where))
                .param("tenant", CurrentTenant.require())
                .param("since", since)
                .params(now.parameters)
                .params(proposed.parameters)
                .query((rs, row) -> new WhatIf.Example(
                        rs.getLong("id"),
                        rs.getString("name").isEmpty() ? rs.getString("email") : rs.getString("name"),
                        rs.getString("company_name")))
                .list();
    }

    /** The latest re-evaluation of all leads, for the progress on /criteria. */
    @Transactional(readOnly = true)
    public Optional<ReevaluationProgress> reevaluationProgress() {
        return reevaluation.latest();
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(WorkspaceOpened opened) {
        agreements.openWith(Kind.CRITERIA, json(Criteria.defaults()), "Default criteria");
    }

    /**
     * Once a new version is committed as active, all leads are evaluated again, in the background. This only records
     * the run (in a transaction of its own) and queues it on the re-evaluation's own executor, and it stays a
     * synchronous listener after the commit, on the committing thread, not an {@code @ApplicationModuleListener} (which
     * would record the run a moment later on another thread): once the approval has returned, the criteria page shows
     * the new run (polled until it ends), not the previous one finished, and whoever waits for the re-evaluation to end
     * (the demo workspace's seed) would otherwise find the previous run finished and go on before this one began. As an
     * after-commit listener it is in the event publication registry all the same, so a failed start is retried, not
     * lost (docs/adr/0008), in the event's workspace.
     */
    @TransactionalEventListener
    public void on(AgreementActivated activated) {
        if (activated.kind() == Kind.CRITERIA) {
            reevaluation.start(activated.tenantId(), activated.versionId());
        }
    }
}
