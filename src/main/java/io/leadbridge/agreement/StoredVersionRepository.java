package io.leadbridge.agreement;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/**
 * The versions of a workspace's agreements. A version is created by {@link #save} (written at once: its id comes from
 * the table's identity column); each later change is one conditional statement that answers how many rows it changed,
 * so that of two people acting on the same version at once exactly one wins and the other is told why. The statements
 * run at once, so the versions' read model ({@link AgreementVersions}) sees them in the same transaction. Hibernate's
 * tenant filter does not reach native or bulk statements: each names the tenant itself (row-level security is the
 * backstop, ADR 0001).
 */
interface StoredVersionRepository extends Repository<StoredVersion, Long> {

    StoredVersion save(StoredVersion version);

    /**
     * Makes the proposals, drafts and approvals of one kind in a workspace take turns, until the transaction ends.
     * Native: a PostgreSQL advisory lock, since what it guards (the next number, the version to become active) is no
     * one row.
     */
    @Query(value = """
                    select 1 from (select pg_advisory_xact_lock(hashtextextended(:tenant || ':agreement:' || :kind, 0)))
                        as locked
                    """, nativeQuery = true)
    int lockKind(@Param("tenant") String tenant, @Param("kind") String kind);

    /** The number of the kind's next version (called under {@link #lockKind}). */
    @Query("""
            select coalesce(max(v.number), 0) + 1 from StoredVersion v where v.tenantId = :tenant and v.kind = :kind
            """)
    int nextNumber(@Param("tenant") UUID tenant, @Param("kind") Kind kind);

    /**
     * Changes the author's draft, if it is still a draft: its content, summary and the version it is made on. Answers
     * 0, changing nothing, when it is not (anymore).
     */
    @Modifying
    @Query("""
            update StoredVersion v set v.content = :content, v.summary = :summary, v.baseVersionId = :base,
                v.version = v.version + 1
            where v.tenantId = :tenant and v.kind = :kind and v.id = :id and v.proposedBy = :author
                and v.status = io.leadbridge.agreement.Status.DRAFT
            """)
    int reviseDraft(
            @Param("tenant") UUID tenant,
            @Param("kind") Kind kind,
            @Param("id") long id,
            @Param("author") long author,
            @Param("content") String content,
            @Param("summary") String summary,
            @Param("base") Long baseVersionId);

    /**
     * Proposes the author's draft with this content, if it is still a draft; answers 0, changing nothing, when it is
     * not (anymore: proposed or thrown away in another tab).
     */
    @Modifying
    @Query("""
            update StoredVersion v set v.content = :content, v.summary = :summary, v.baseVersionId = :base,
                v.status = io.leadbridge.agreement.Status.PROPOSED, v.proposedAt = current_timestamp,
                v.version = v.version + 1
            where v.tenantId = :tenant and v.kind = :kind and v.id = :id and v.proposedBy = :author
                and v.status = io.leadbridge.agreement.Status.DRAFT
            """)
    int proposeDraft(
            @Param("tenant") UUID tenant,
            @Param("kind") Kind kind,
            @Param("id") long id,
            @Param("author") long author,
            @Param("content") String content,
            @Param("summary") String summary,
            @Param("base") Long baseVersionId);

    /** Throws the author's draft away (kept as withdrawn, never proposed), if it is still a draft. */
    @Modifying
    @Query("""
            update StoredVersion v set v.status = io.leadbridge.agreement.Status.WITHDRAWN, v.version = v.version + 1
            where v.tenantId = :tenant and v.kind = :kind and v.id = :id and v.proposedBy = :author
                and v.status = io.leadbridge.agreement.Status.DRAFT
            """)
    int discardDraft(
            @Param("tenant") UUID tenant, @Param("kind") Kind kind, @Param("id") long id, @Param("author") long author);

    /**
     * Supersedes the version {@code id} if it is still the kind's active version; answers 0, changing nothing,
     * otherwise.
     */
    @Modifying
    @Query("""
            update StoredVersion v set v.status = io.leadbridge.agreement.Status.SUPERSEDED,
                v.supersededAt = current_timestamp, v.version = v.version + 1
            where v.tenantId = :tenant and v.kind = :kind and v.id = :id
                and v.status = io.leadbridge.agreement.Status.ACTIVE
            """)
    int supersedeIfActive(@Param("tenant") UUID tenant, @Param("kind") Kind kind, @Param("id") long id);

    /**
     * Makes a proposal the kind's active version, decided by {@code decidedBy}, if it is still open; answers 0,
     * changing nothing, when it was withdrawn, declined or outdated meanwhile. Fails when another version of the kind
     * is active (the unique index {@code agreement_version_one_active}).
     */
    @Modifying
    @Query("""
            update StoredVersion v set v.status = io.leadbridge.agreement.Status.ACTIVE,
                v.activatedAt = current_timestamp, v.decidedBy = :decidedBy, v.decidedAt = current_timestamp,
                v.decisionComment = :comment, v.version = v.version + 1
            where v.tenantId = :tenant and v.kind = :kind and v.id = :id
                and v.status = io.leadbridge.agreement.Status.PROPOSED
            """)
    int activateIfOpen(
            @Param("tenant") UUID tenant,
            @Param("kind") Kind kind,
            @Param("id") long id,
            @Param("decidedBy") long decidedBy,
            @Param("comment") String comment);

    /** Declines a proposal if it is still open; answers 0, changing nothing, otherwise. */
    @Modifying
    @Query("""
            update StoredVersion v set v.status = io.leadbridge.agreement.Status.DECLINED, v.decidedBy = :decidedBy,
                v.decidedAt = current_timestamp, v.decisionComment = :comment, v.version = v.version + 1
            where v.tenantId = :tenant and v.kind = :kind and v.id = :id
                and v.status = io.leadbridge.agreement.Status.PROPOSED
            """)
    int declineIfOpen(
            @Param("tenant") UUID tenant,
            @Param("kind") Kind kind,
            @Param("id") long id,
            @Param("decidedBy") long decidedBy,
            @Param("comment") String comment);

    /** Withdraws a proposal if it is still open; answers 0, changing nothing, otherwise. */
    @Modifying
    @Query("""
            update StoredVersion v set v.status = io.leadbridge.agreement.Status.WITHDRAWN, v.decidedBy = :decidedBy,
                v.decidedAt = current_timestamp, v.version = v.version + 1
            where v.tenantId = :tenant and v.kind = :kind and v.id = :id
                and v.status = io.leadbridge.agreement.Status.PROPOSED
            """)
    int withdrawIfOpen(
            @Param("tenant") UUID tenant, @Param("kind") Kind kind, @Param("id") long id, @Param("decidedBy") long by);

    /** A proposal outdated by {@link #outdateOpenProposals}: its id, number and author. */
    interface Outdated {
        long getId();

        int getNumber();

        Long getProposedBy();
    }

    /**
     * Outdates the kind's open proposals but {@code activated} (called when it became active: they were made on the
     * version it superseded) and answers the ones it outdated. Native: PostgreSQL's {@code returning} names, in the
     * same statement, exactly the proposals it changed, so that only their authors are told, even when one of them
     * is withdrawn or declined at the same moment.
     */
    @Query(value = """
                    update agreement_version set status = 'OUTDATED', outdated_at = now(), version = version + 1
                    where tenant_id = :tenant and kind = :kind and status = 'PROPOSED' and id <> :activated
                    returning id, number, proposed_by as "proposedBy"
                    """, nativeQuery = true)
    List<Outdated> outdateOpenProposals(
            @Param("tenant") UUID tenant, @Param("kind") String kind, @Param("activated") long activated);
}
