package io.leadbridge.handoff;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A reason of the workspace's list of rejection reasons: a default (no label of its own, named in the reader's
 * language) or the admin's own (with the label as typed). Never deleted, so every past rejection keeps its label.
 */
@Entity
@Table(name = "rejection_reason")
class Reason {

    /**
     * The code; the table's key is the tenant and the code. A persistence context is always one workspace's, so the
     * code alone identifies a reason in it.
     */
    @Id
    private String code;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    private int position;
    private boolean commentRequired;
    private boolean active;
    private String label;

    protected Reason() {}

    /** A reason of the workspace's own, active from the start. */
    Reason(String code, int position, boolean commentRequired, String label) {
        this.code = code;
        this.position = position;
        this.commentRequired = commentRequired;
        this.active = true;
        this.label = label;
    }

    /** Changes whether it needs a comment and may be chosen, and the label of the workspace's own reasons. */
    void change(boolean commentRequired, boolean active, String label) {
        this.commentRequired = commentRequired;
        this.active = active;
        if (custom()) {
            this.label = label;
        }
    }

    void placeAt(int position) {
        this.position = position;
    }

    String code() {
        return code;
    }

    /** The label as typed, for the workspace's own reasons; null for a default. */
    String label() {
        return label;
    }

    boolean custom() {
        return label != null;
    }

    boolean commentRequired() {
        return commentRequired;
    }

    boolean active() {
        return active;
    }

    int position() {
        return position;
    }
}
