package io.leadbridge.account;

import io.leadbridge.tenant.TenantPrincipal;
import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in person: who they are, their workspace and their roles. */
public final class SignedInAccount implements UserDetails, CredentialsContainer, TenantPrincipal, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long accountId;
    private final UUID tenantId;
    private final String workspaceName;
    private final String email;
    private final String displayName;
    private final Set<Role> roles;
    private final boolean active;
    private String passwordHash;

    SignedInAccount(
            long accountId,
            UUID tenantId,
            String workspaceName,
            String email,
            String displayName,
            Set<Role> roles,
            boolean active,
            String passwordHash) {
        this.accountId = accountId;
        this.tenantId = tenantId;
        this.workspaceName = workspaceName;
        this.email = email;
        this.displayName = displayName;
        this.roles = Set.copyOf(roles);
        this.active = active;
        this.passwordHash = passwordHash;
    }

    public long accountId() {
        return accountId;
    }

    @Override
    public UUID tenantId() {
        return tenantId;
    }

    public String getWorkspaceName() {
        return workspaceName;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getEmail() {
        return email;
    }

    public Set<Role> roles() {
        return roles;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /**
     * Whether this person holds any of the roles named (for the page layout: a plain look-up, where each {@code
     * sec:authorize} of the navigation evaluated a security expression on every page).
     */
    public boolean hasAnyRole(String... names) {
        for (String name : names) {
            if (has(Role.valueOf(name))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return roles.stream()
                .map(r -> new SimpleGrantedAuthority(r.authority()))
                .toList();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public boolean isEnabled() {
        return active;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedInAccount that && accountId == that.accountId && tenantId.equals(that.tenantId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accountId, tenantId);
    }

    @Override
    public String toString() {
        return "SignedInAccount[" + accountId + "]";
    }
}
