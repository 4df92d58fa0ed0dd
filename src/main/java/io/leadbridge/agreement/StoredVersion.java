package io.leadbridge.agreement;

import io.leadbridge.account.Role.Team;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;

/**
 * A version of an agreement as stored (the record {@link AgreementVersion} is how the module answers it). It is
 * created by {@link StoredVersionRepository#save}; every change after that is a transition from one status to another
 * ("only while still proposed", "only while still the author's draft"), which two people may attempt at once, and so
 * is a conditional statement of the repository that the loser learns of by its row count.
 */
@Entity
@Table(name = "agreement_version")
class StoredVersion {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Enumerated(EnumType.STRING)
    @Column(updatable = false)
    private Kind kind;

    @Column(updatable = false)
    private int number;

    @Enumerated(EnumType.STRING)
    private Status status;

    /** The kind's content, as JSON (a {@code jsonb} column). */
    @JdbcTypeCode(SqlTypes.JSON)
    private String content;

    private String summary;

    @Column(updatable = false)
    private Long proposedBy;

    @Enumerated(EnumType.STRING)
    @Column(updatable = false)
    private Team proposedTeam;

    private Instant proposedAt;
    private Long decidedBy;
    private Instant decidedAt;
    private String decisionComment;
    private Instant activatedAt;
    private Instant supersededAt;
    private Long baseVersionId;
    private Instant outdatedAt;

    @Column(insertable = false, updatable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected StoredVersion() {}

    private StoredVersion(Kind kind, int number, Status status, String content, String summary) {
        this.kind = kind;
        this.number = number;
        this.status = status;
        this.content = content;
        this.summary = summary;
    }

    /** A workspace's first version of the kind, in force from {@code now} (no one proposed it). */
    static StoredVersion first(Kind kind, String content, String summary, Instant now) {
        StoredVersion first = new StoredVersion(kind, 1, Status.ACTIVE, content, summary);
        first.activatedAt = now;
        return first;
    }

    /**
     * A draft only its author sees, or a proposal (proposed {@code now}) waiting for the other team, made by {@code
     * author} of {@code team} on the version {@code baseVersionId} (null: none was active).
     */
    static StoredVersion byAuthor(
            Kind kind,
            int number,
            boolean proposed,
            String content,
            String summary,
            long author,
            Team team,
            Long baseVersionId,
            Instant now) {
        StoredVersion version =
                new StoredVersion(kind, number, proposed ? Status.PROPOSED : Status.DRAFT, content, summary);
        version.proposedBy = author;
        version.proposedTeam = team;
        version.proposedAt = proposed ? now : null;
        version.baseVersionId = baseVersionId;
        return version;
    }

    long id() {
        return id;
    }
}
