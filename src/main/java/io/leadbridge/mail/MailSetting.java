package io.leadbridge.mail;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalTime;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.TenantId;

/**
 * A person's choices of mail as stored: per kind of notification (a JSON object of kind to delivery; a kind absent
 * takes its default), the digest's local time and the language (none: the workspace's). Changed by the person on their
 * settings page, guarded by its version; an unsubscribe link changes one kind by an upsert of {@link
 * MailSettingRepository}.
 */
@Entity
@Table(name = "mail_setting")
class MailSetting {

    /** The person's account id, unique across workspaces (the account table's identity gives it). */
    @Id
    @Column(name = "account_id", updatable = false)
    private Long accountId;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    /** Kept as JSON text and cast to {@code jsonb} on the way in (as {@code timeline.StoredNotification} does). */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    private String choices;

    private LocalTime digestTime;

    private String language;

    @Version
    private Long version;

    protected MailSetting() {}

    MailSetting(long accountId, String choices, LocalTime digestTime, String language) {
        this.accountId = accountId;
        this.choices = choices;
        this.digestTime = digestTime;
        this.language = language;
    }

    void change(String choices, LocalTime digestTime, String language) {
        this.choices = choices;
        this.digestTime = digestTime;
        this.language = language;
    }

    String choices() {
        return choices;
    }

    LocalTime digestTime() {
        return digestTime;
    }

    String language() {
        return language;
    }

    long version() {
        return version;
    }
}
