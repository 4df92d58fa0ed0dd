package io.leadbridge.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A workspace: one company, with its people and its data. The only entity without a tenant column: it is one. */
@Entity
@Table(name = "tenant")
class Tenant {

    @Id
    private UUID id;

    private String slug;

    private String name;

    @Column(name = "default_locale")
    private String defaultLocale;

    @Column(name = "time_zone")
    private String timeZone;

    @Column(name = "created_at", insertable = false, updatable = false)
    private Instant createdAt;

    protected Tenant() {}

    Tenant(UUID id, String slug, String name, String defaultLocale, String timeZone) {
        this.id = id;
        this.slug = slug;
        this.name = name;
        this.defaultLocale = defaultLocale;
        this.timeZone = timeZone;
    }

    Workspace toWorkspace() {
        return new Workspace(id, slug, name, defaultLocale, timeZone);
    }
}
