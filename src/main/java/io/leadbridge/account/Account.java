package io.leadbridge.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A person in a workspace. */
@Entity
@Table(name = "account")
class Account {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    private String email;

    @Column(name = "display_name")
    private String displayName;

    @Column(name = "password_hash")
    private String passwordHash;

    private String[] roles;

    private boolean active = true;

    private boolean away;

    @Column(name = "created_at", insertable = false, updatable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected Account() {}

    Account(String email, String displayName, String passwordHash, Set<Role> roles) {
        this.email = email.strip();
        this.displayName = displayName.strip();
        this.passwordHash = passwordHash;
        assignRoles(roles);
    }

    void assignRoles(Set<Role> newRoles) {
        if (newRoles.isEmpty()) {
            throw new IllegalArgumentException("A person needs at least one role");
        }
        this.roles = newRoles.stream().sorted().map(Role::name).toArray(String[]::new);
    }

    void deactivate() {
        this.active = false;
    }

    void reactivate() {
        this.active = true;
    }

    Long id() {
        return id;
    }

    Set<Role> roles() {
        EnumSet<Role> set = EnumSet.noneOf(Role.class);
        Arrays.stream(roles).map(Role::valueOf).forEach(set::add);
        return set;
    }

    boolean isActive() {
        return active;
    }

    boolean isAdmin() {
        return roles().contains(Role.ADMIN);
    }

    long version() {
        return version;
    }

    void markAway(boolean away) {
        this.away = away;
    }

    Person toPerson() {
        return new Person(id, email, displayName, roles(), active, away, createdAt, version);
    }
}
