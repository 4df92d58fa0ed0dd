package io.leadbridge.agreement;

import io.leadbridge.account.Role.Team;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.shared.NotFoundException;
import io.leadbridge.shared.Refusal;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.text.PlainTexts;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The agreement mechanism: a person of one team proposes a version; a person of the <em>other</em> team approves it
 * (it becomes active, the previous one superseded) or declines it; the proposer may withdraw it. Nobody approves
 * their own team's proposal, so someone in both teams decides neither team's; a liaison comments but does not
 * approve alone.
 */
@Service
public class AgreementManagement {

    private final JdbcClient jdbc;
    private final AgreementVersions versions;
    private final AgreementNotices notices;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;

    AgreementManagement(
            JdbcClient jdbc,
            AgreementVersions versions,
            AgreementNotices notices,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.versions = versions;
        this.notices = notices;
        this.events = events;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** A new workspace's first version, active from the start (inside the transaction that opens it). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void openWith(Kind kind, String content, String summary) {
        jdbc.sql("""
                        insert into agreement_version (tenant_id, kind, number, status, content, summary, activated_at)
                        values (?, ?, 1, 'ACTIVE', cast(? as jsonb), ?, now())
                        """)
                .params(CurrentTenant.require(), kind.name(), content, summary)
                .update();
    }

    @Transactional(readOnly = true)
    public Optional<AgreementVersion> active(Kind kind) {
        return versions.active(kind);
    }

    /** Every version of the kind, newest first. */
    @Transactional(readOnly = true)
    public List<AgreementVersion> history(Kind kind) {
        return versions.history(kind);
    }

    @Transactional(readOnly = true)
    public AgreementVersion version(Kind kind, long id) {
        return versions.version(kind, id);
    }

    /**
     * A version that is or was the agreement in force, the only kind a proposal can be made on; any other id (a
     * proposal, someone's private draft, another workspace's version) answers 404, so a posted base reveals nothing.
     */
    @Transactional(readOnly = true)
    public AgreementVersion pastOrActiveVersion(Kind kind, long id) {
        return versions.pastOrActiveVersion(kind, id);
    }

    @Transactional(readOnly = true)
    public List<AgreementComment> comments(long versionId) {
        return versions.comments(versionId);
    }

    public Permissions permissions(AgreementVersion version, SignedInAccount person) {
        return Permissions.of(version, person);
    }

    /**
     * Proposes a version (a new one, or the author's draft {@code draftId} with this content) on top of the version
     * {@code baseId} the author started from; the other team is notified. Refused with {@code agreement.baseChanged}
     * when {@code baseId} is no longer the active version (another one became active while the author was editing).
     */
    public AgreementVersion propose(
            Kind kind, Long draftId, Long baseId, String content, String summary, SignedInAccount person) {
        Team team = Permissions.teamOf(person).orElseThrow(() -> Refusal.refused("agreement.teamProposes"));
        return transaction.execute(status -> {
            lockKind(kind);
            checkBase(kind, baseId);
            long id = draftId == null
                    ? insert(kind, Status.PROPOSED, baseId, content, summary, person, team)
                    : updateDraft(kind, draftId, baseId, content, summary, person, true);
            AgreementVersion proposed = version(kind, id);
            notices.notifyProposed(Permissions.other(team), person, proposed);
            return proposed;
        });
    }

    /** Proposes a version on top of the version active now. */
    public AgreementVersion propose(Kind kind, String content, String summary, SignedInAccount person) {
        return transaction.execute(status -> {
            lockKind(kind);
            return propose(kind, null, activeId(kind), content, summary, person);
        });
    }

    /**
     * Saves a draft only its author sees: a new one, or the author's draft {@code draftId}, started from the version
     * {@code baseId} (the active one when the author opened the form).
     */
    public AgreementVersion saveDraft(
            Kind kind, Long draftId, Long baseId, String content, String summary, SignedInAccount person) {
        Team team = Permissions.teamOf(person).orElseThrow(() -> Refusal.refused("agreement.teamProposes"));
        return transaction.execute(status -> {
            lockKind(kind);
            checkBase(kind, baseId);
            return version(
                    kind,
                    draftId == null
                            ? insert(kind, Status.DRAFT, baseId, content, summary, person, team)
                            : updateDraft(kind, draftId, baseId, content, summary, person, false));
        });
    }

    /** The id of the active version of the kind, if there is one. */
    @Transactional(readOnly = true)
    public Long activeId(Kind kind) {
        return versions.activeId(kind);
    }

    /** A proposal is made on the active version only: one made on another would undo what was agreed since. */
    private void checkBase(Kind kind, Long baseId) {
        if (!java.util.Objects.equals(baseId, activeId(kind))) {
            throw Refusal.conflict("agreement.baseChanged");
        }
    }

    /** Proposals, drafts and approvals of a kind in a workspace take turns (until the end of the transaction). */
    private void lockKind(Kind kind) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(? || ':agreement:' || ?, 0))")
                .params(CurrentTenant.require().toString(), kind.name())
                .query(Object.class)
                .single();
    }

    /** Throws a draft away (it is kept as withdrawn, never proposed). */
    public void discardDraft(Kind kind, long draftId, SignedInAccount person) {
        transaction.executeWithoutResult(status -> {
            draftOf(kind, draftId, person);
            jdbc.sql("""
                            update agreement_version set status = 'WITHDRAWN', version = version + 1
                            where tenant_id = ? and id = ?
                            """).params(CurrentTenant.require(), draftId).update();
        });
    }

    /** The person's own drafts. */
    @Transactional(readOnly = true)
    public List<AgreementVersion> drafts(Kind kind, SignedInAccount person) {
        return versions.drafts(kind, person);
    }

    /** A version as {@code person} may see it: another person's draft is not there for them. */
    @Transactional(readOnly = true)
    public AgreementVersion visibleVersion(Kind kind, long id, SignedInAccount person) {
        return versions.visibleVersion(kind, id, person);
    }

    private AgreementVersion draftOf(Kind kind, long draftId, SignedInAccount person) {
        jdbc.sql("select id from agreement_version where tenant_id = ? and kind = ? and id = ? for update")
                .params(CurrentTenant.require(), kind.name(), draftId)
                .query(Long.class)
                .optional()
                .orElseThrow(NotFoundException::new);
        AgreementVersion draft = visibleVersion(kind, draftId, person);
        if (draft.status() != Status.DRAFT) {
            throw Refusal.refused("agreement.notDraft");
        }
        return draft;
    }

    private long updateDraft(
            Kind kind,
            long draftId,
            Long baseId,
            String content,
            String summary,
            SignedInAccount person,
            boolean propose) {
        draftOf(kind, draftId, person);
        jdbc.sql("""
                        update agreement_version set content = cast(? as jsonb), summary = ?, base_version_id = ?,
                            status = ?, proposed_at = case when ? then now() else null end, version = version + 1
                        where tenant_id = ? and id = ?
                        """)
                .params(
                        content,
                        blankToNull(summary),
                        baseId,
                        propose ? "PROPOSED" : "DRAFT",
                        propose,
                        CurrentTenant.require(),
                        draftId)
                .update();
        return draftId;
    }

    private long insert(
            Kind kind, Status status, Long baseId, String content, String summary, SignedInAccount person, Team team) {
        lockKind(kind);
        int number = jdbc.sql(
                        "select coalesce(max(number), 0) + 1 from agreement_version where tenant_id = ? and kind = ?")
                .params(CurrentTenant.require(), kind.name())
                .query(Integer.class)
                .single();
        return jdbc.sql("""
                        insert into agreement_version (tenant_id, kind, number, status, content, summary,
                            proposed_by, proposed_team, proposed_at, base_version_id)
                        values (?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, case when ? then now() end, ?)
                        returning id
                        """)
                .params(
                        CurrentTenant.require(),
                        kind.name(),
                        number,
                        status.name(),
                        content,
                        blankToNull(summary),
                        person.accountId(),
                        team.name(),
                        status == Status.PROPOSED,
                        baseId)
                .query(Long.class)
                .single();
    }

    /**
     * Approves a proposal: it becomes the active version and the previous one is superseded. Only a proposal made on
     * the active version is approved (a conditional update: "its base is still the active version"); of two approvals
     * of proposals on the same base exactly one wins, the other is told the proposal is outdated. The other open
     * proposals, made on the version just superseded, become outdated and their authors are notified. Two approvals
     * at the same moment can never leave two active versions (a unique index allows one).
     */
    public AgreementVersion approve(Kind kind, long id, String comment, SignedInAccount person) {
        checkDecisionComment(comment);
        try {
            return transaction.execute(status -> {
                lockKind(kind);
                AgreementVersion proposal = lockOpen(kind, id);
                Permissions permissions = permissions(proposal, person);
                if (!permissions.approve()) {
                    throw Refusal.refused(permissions.whyNotApprove());
                }
                int superseded = jdbc.sql("""
                                update agreement_version set status = 'SUPERSEDED', superseded_at = now(),
                                    version = version + 1
                                where tenant_id = ? and kind = ? and status = 'ACTIVE' and id = ?
                                """)
                        .params(CurrentTenant.require(), kind.name(), proposal.baseVersionId())
                        .update();
                boolean baseIsActive = proposal.baseVersionId() == null ? activeId(kind) == null : superseded == 1;
                if (!baseIsActive) {
                    throw Refusal.refused("agreement.outdated");
                }
                jdbc.sql("""
                                update agreement_version set status = 'ACTIVE', activated_at = now(), decided_by = ?,
                                    decided_at = now(), decision_comment = ?, version = version + 1
                                where tenant_id = ? and id = ?
                                """)
                        .params(person.accountId(), blankToNull(comment), CurrentTenant.require(), id)
                        .update();
                notices.notifyAuthor("notification.proposalApproved", person, proposal);
                outdateOpenProposals(kind, proposal);
                events.publishEvent(new AgreementActivated(CurrentTenant.require(), kind, id));
                return version(kind, id);
            });
        } catch (DataIntegrityViolationException otherActivation) {
            throw Refusal.conflict("agreement.activeChanged");
        }
    }

    public AgreementVersion decline(Kind kind, long id, String comment, SignedInAccount person) {
        checkDecisionComment(comment);
        return transaction.execute(status -> {
            AgreementVersion proposal = lockOpen(kind, id);
            Permissions permissions = permissions(proposal, person);
            if (!permissions.decline()) {
                throw Refusal.refused(permissions.whyNotApprove());
            }
            jdbc.sql("""
                            update agreement_version set status = 'DECLINED', decided_by = ?, decided_at = now(),
                                decision_comment = ?, version = version + 1
                            where tenant_id = ? and id = ?
                            """)
                    .params(person.accountId(), blankToNull(comment), CurrentTenant.require(), id)
                    .update();
            notices.notifyAuthor("notification.proposalDeclined", person, proposal);
            return version(kind, id);
        });
    }

    /** A decision's comment: at most 1,000 characters of plain text (lines allowed). */
    private static void checkDecisionComment(String comment) {
        if (comment != null && (comment.strip().length() > 1000 || !PlainTexts.multiLine(comment))) {
            throw Refusal.refused("agreement.decisionCommentInvalid");
        }
    }

    public AgreementVersion withdraw(Kind kind, long id, SignedInAccount person) {
        return transaction.execute(status -> {
            AgreementVersion proposal = lockOpen(kind, id);
            if (!permissions(proposal, person).withdraw()) {
                throw Refusal.refused("agreement.onlyProposerWithdraws");
            }
            jdbc.sql("""
                            update agreement_version set status = 'WITHDRAWN', decided_by = ?, decided_at = now(),
                                version = version + 1
                            where tenant_id = ? and id = ?
                            """)
                    .params(person.accountId(), CurrentTenant.require(), id)
                    .update();
            return version(kind, id);
        });
    }

    @Transactional
    public void comment(Kind kind, long id, String body, SignedInAccount person) {
        AgreementVersion version = visibleVersion(kind, id, person);
        jdbc.sql("insert into agreement_comment (tenant_id, version_id, author_id, body) values (?, ?, ?, ?)")
                .params(CurrentTenant.require(), version.id(), person.accountId(), body.strip())
                .update();
    }

    /**
     * The open proposals left were made on the version just superseded: approved as they stand, they would undo the
     * version just activated. They become outdated, and each author is told so.
     */
    private void outdateOpenProposals(Kind kind, AgreementVersion activated) {
        record Outdated(long id, int number, Long author) {}
        List<Outdated> outdated = jdbc.sql("""
                        update agreement_version set status = 'OUTDATED', outdated_at = now(), version = version + 1
                        where tenant_id = ? and kind = ? and status = 'PROPOSED' and id <> ?
                        returning id, number, proposed_by
                        """)
                .params(CurrentTenant.require(), kind.name(), activated.id())
                .query((rs, row) -> new Outdated(rs.getLong(1), rs.getInt(2), (Long) rs.getObject(3)))
                .list();
        for (Outdated proposal : outdated) {
            if (proposal.author() != null) {
                notices.notifyOutdated(proposal.author(), kind, proposal.id(), proposal.number(), activated);
            }
        }
    }

    private AgreementVersion lockOpen(Kind kind, long id) {
        Long locked = jdbc.sql(
                        "select id from agreement_version where tenant_id = ? and kind = ? and id = ? for update")
                .params(CurrentTenant.require(), kind.name(), id)
                .query(Long.class)
                .optional()
                .orElseThrow(NotFoundException::new);
        AgreementVersion version = version(kind, locked);
        if (version.outdated()) {
            throw Refusal.refused("agreement.outdated");
        }
        if (version.status() != Status.PROPOSED) {
            throw Refusal.refused("agreement.notOpen");
        }
        return version;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
