package io.leadbridge.privacy;

import java.util.Set;

/** Finds a person's leads by e-mail in the current workspace; answered by the lead module, which owns the leads. */
public interface PersonFinder {

    /** The ids of the leads with this e-mail address (case-insensitive). */
    Set<Long> leadIds(String email);

    /**
     * The same, with those lead rows locked for an erasure until the transaction ends: a second erasure of the same
     * person waits, and then finds none (their address is gone).
     */
    Set<Long> lockLeadIds(String email);
}
