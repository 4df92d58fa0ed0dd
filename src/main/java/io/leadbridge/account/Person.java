package io.leadbridge.account;

import java.time.Instant;
import java.util.Set;

/** A person of the current workspace, as other modules and pages see them. */
public record Person(
        Long id,
        String email,
        String displayName,
        Set<Role> roles,
        boolean active,
        boolean away,
        Instant createdAt,
        long version) {

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
