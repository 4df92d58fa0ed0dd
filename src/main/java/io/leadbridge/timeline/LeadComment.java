package io.leadbridge.timeline;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.TenantId;

/**
 * A comment on a lead's thread as stored: who wrote what, and when. A comment is never changed once written (the
 * thread has no editing), so Hibernate never checks it for changes. The thread itself, with the authors' names, is a
 * SQL read model ({@link Comments#of}).
 */
@Entity
@Immutable
@Table(name = "lead_comment")
class LeadComment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    private long leadId;
    private long authorId;
    private String body;

    /** Set by the database when the comment is written. */
    @Column(insertable = false, updatable = false)
    private Instant createdAt;

    protected LeadComment() {}

    LeadComment(long leadId, long authorId, String body) {
        this.leadId = leadId;
        this.authorId = authorId;
        this.body = body;
    }
}
