package io.leadbridge.agreement;

import io.leadbridge.account.Role.Team;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.shared.Refusal;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.text.PlainTexts;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
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

    private final StoredVersionRepository stored;
    private final StoredCommentRepository storedComments;
    private final AgreementVersions versions;
    private final AgreementNotices notices;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    AgreementManagement(
            StoredVersionRepository stored,
            StoredCommentRepository storedComments,
            AgreementVersions versions,
            AgreementNotices notices,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.stored = stored;
        this.storedComments = storedComments;
        this.versions = versions;
        this.notices = notices;
        this.events = events;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** A new workspace's first version, active from the start (inside the transaction that opens it). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void openWith(Kind kind, String content, String summary) {
        stored.save(StoredVersion.first(kind, content, summary, clock.instant()));
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
        if (!Objects.equals(baseId, activeId(kind))) {
            throw Refusal.conflict("agreement.baseChanged");
        }
    }

    /** Proposals, drafts and approvals of a kind in a workspace take turns (until the end of the transaction). */
    private void lockKind(Kind kind) {
        stored.lockKind(tenant().toString(), kind.name());
    }

    /** Throws a draft away (it is kept as withdrawn, never proposed). */
    public void discardDraft(Kind kind, long draftId, SignedInAccount person) {
        transaction.executeWithoutResult(status -> {
            draftOf(kind, draftId, person);
            if (stored.discardDraft(tenant(), kind, draftId, person.accountId()) == 0) {
                refuseChangedDraft(kind, draftId, person);
            }
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

    /**
     * The person's draft {@code draftId}: another person's draft is not there for them (404), any other version is no
     * draft.
     */
    private AgreementVersion draftOf(Kind kind, long draftId, SignedInAccount person) {
        AgreementVersion draft = visibleVersion(kind, draftId, person);
        if (draft.status() != Status.DRAFT) {
            throw Refusal.refused("agreement.notDraft");
        }
        return draft;
    }

    /**
     * A change of the person's draft found it no draft anymore (proposed or thrown away meanwhile, in another tab):
     * refused as the draft as it is now is refused.
     */
    private void refuseChangedDraft(Kind kind, long draftId, SignedInAccount person) {
        draftOf(kind, draftId, person);
        throw Refusal.refused("agreement.notDraft");
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
        int changed = propose
                ? stored.proposeDraft(
                        tenant(), kind, draftId, person.accountId(), content, blankToNull(summary), baseId)
                : stored.reviseDraft(
                        tenant(), kind, draftId, person.accountId(), content, blankToNull(summary), baseId);
        if (changed == 0) {
            refuseChangedDraft(kind, draftId, person);
        }
        return draftId;
    }

    private long insert(
            Kind kind, Status status, Long baseId, String content, String summary, SignedInAccount person, Team team) {
        lockKind(kind);
        int number = stored.nextNumber(tenant(), kind);
        return stored.save(StoredVersion.byAuthor(
                        kind,
                        number,
                        status == Status.PROPOSED,
                        content,
                        blankToNull(summary),
                        person.accountId(),
                        team,
                        baseId,
                        clock.instant()))
                .id();
    }

    /**
     * Approves a proposal: it becomes the active version and the previous one is superseded. Only a proposal made on
     * the active version is approved (a conditional update: "its base is still the active version"); of two approvals
     * of proposals on the same base exactly one wins, the other is told the proposal is outdated. The other open
     * proposals, made on the version just superseded, become outdated and their authors are notified. Two approvals
     * at the same moment can never leave two active versions (a unique index allows one). The activation is
     * conditional too ("only while still open"): a proposal withdrawn or declined meanwhile is not approved, and the
     * approver is told it is no longer open.
     */
    public AgreementVersion approve(Kind kind, long id, String comment, SignedInAccount person) {
        checkDecisionComment(comment);
        try {
            return transaction.execute(status -> {
                lockKind(kind);
                AgreementVersion proposal = open(kind, id);
                Permissions permissions = permissions(proposal, person);
                if (!permissions.approve()) {
                    throw Refusal.refused(permissions.whyNotApprove());
                }
                boolean baseIsActive = proposal.baseVersionId() == null
                        ? activeId(kind) == null
                        : stored.supersedeIfActive(tenant(), kind, proposal.baseVersionId()) == 1;
                if (!baseIsActive) {
                    throw Refusal.refused("agreement.outdated");
                }
                if (stored.activateIfOpen(tenant(), kind, id, person.accountId(), blankToNull(comment)) == 0) {
                    refuseChanged(kind, id);
                }
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
            AgreementVersion proposal = open(kind, id);
            Permissions permissions = permissions(proposal, person);
            if (!permissions.decline()) {
                throw Refusal.refused(permissions.whyNotApprove());
            }
            if (stored.declineIfOpen(tenant(), kind, id, person.accountId(), blankToNull(comment)) == 0) {
                refuseChanged(kind, id);
            }
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
            AgreementVersion proposal = open(kind, id);
            if (!permissions(proposal, person).withdraw()) {
                throw Refusal.refused("agreement.onlyProposerWithdraws");
            }
            if (stored.withdrawIfOpen(tenant(), kind, id, person.accountId()) == 0) {
                refuseChanged(kind, id);
            }
            return version(kind, id);
        });
    }

    @Transactional
    public void comment(Kind kind, long id, String body, SignedInAccount person) {
        AgreementVersion version = visibleVersion(kind, id, person);
        storedComments.save(new StoredComment(version.id(), person.accountId(), body.strip()));
    }

    /**
     * The open proposals left were made on the version just superseded: approved as they stand, they would undo the
     * version just activated. They become outdated, and each author is told so.
     */
    private void outdateOpenProposals(Kind kind, AgreementVersion activated) {
        for (StoredVersionRepository.Outdated proposal :
                stored.outdateOpenProposals(tenant(), kind.name(), activated.id())) {
            if (proposal.getProposedBy() != null) {
                notices.notifyOutdated(
                        proposal.getProposedBy(), kind, proposal.getId(), proposal.getNumber(), activated);
            }
        }
    }

    /** The open proposal {@code id}; refused when it is outdated or no longer open. */
    private AgreementVersion open(Kind kind, long id) {
        AgreementVersion version = version(kind, id);
        if (version.outdated()) {
            throw Refusal.refused("agreement.outdated");
        }
        if (version.status() != Status.PROPOSED) {
            throw Refusal.refused("agreement.notOpen");
        }
        return version;
    }

    /**
     * A decision on the proposal {@code id} found it no longer open (withdrawn, declined, approved or outdated since it
     * was read): refused as a decision on it as it is now is refused.
     */
    private void refuseChanged(Kind kind, long id) {
        open(kind, id);
        throw Refusal.refused("agreement.notOpen");
    }

    private static UUID tenant() {
        return CurrentTenant.require();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
