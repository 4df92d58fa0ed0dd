package io.leadbridge.privacy;

import java.util.Set;
import java.util.UUID;

/** A person's leads were erased (anonymised); the tombstone proves it. */
public record PersonErased(UUID tenantId, Set<Long> leadIds, long tombstoneId) {

    public PersonErased {
        leadIds = Set.copyOf(leadIds);
    }
}
