package io.leadbridge.account;

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
 * An API key as stored: its name, the SHA-256 hash of its secret (never the secret), who created it and, once revoked,
 * when and by whom. The id, a random UUID, is the visible part of the key.
 */
@Entity
@Table(name = "api_key")
class StoredKey {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    private UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    private String name;

    @Column(updatable = false)
    private String secretHash;

    @Column(updatable = false)
    private Long createdBy;

    @Column(insertable = false, updatable = false)
    private Instant createdAt;

    private Instant lastUsedAt;
    private Instant revokedAt;
    private Long revokedBy;

    protected StoredKey() {}

    StoredKey(String name, String secretHash, long createdBy) {
        this.name = name;
        this.secretHash = secretHash;
        this.createdBy = createdBy;
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }
}
