package io.leadbridge.agreement;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A remark on a version as stored (the record {@link AgreementComment} is how the module answers it): appended, never
 * changed. An entity of its own rather than a collection of {@link StoredVersion}: writing one must neither load the
 * version's other comments nor count as a change of the version (whose row version guards its decisions).
 */
@Entity
@Table(name = "agreement_comment")
class StoredComment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(updatable = false)
    private long versionId;

    @Column(updatable = false)
    private long authorId;

    @Column(updatable = false)
    private String body;

    @Column(insertable = false, updatable = false)
    private Instant createdAt;

    protected StoredComment() {}

    StoredComment(long versionId, long authorId, String body) {
        this.versionId = versionId;
        this.authorId = authorId;
        this.body = body;
    }
}
