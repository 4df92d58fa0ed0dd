package io.leadbridge.privacy;

import java.util.Collection;
import java.util.Set;

/**
 * Whether people were erased in the current workspace (a tombstone with the keyed hash of their e-mail), so that a lead
 * created again for an erased person is a deliberate act, never a silent one (issue 20). For the lead module's
 * intake: one indexed look-up per lead, one query for a whole file.
 */
public interface ErasedPeople {

    /** Whether a person with this address was erased in the current workspace. */
    boolean wasErased(String email);

    /**
     * Whether anyone was ever erased in the current workspace: if not, there is no address to look up (an import's
     * re-check of its rows before it writes them asks this first).
     */
    boolean anyErased();

    /** Of these addresses, those (normalised: trimmed, lower case) of people erased in the current workspace. */
    Set<String> erasedAmong(Collection<String> emails);
}
