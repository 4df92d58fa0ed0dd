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

    /** Of these addresses, those (normalised: trimmed, lower case) of people erased in the current workspace. */
    Set<String> erasedAmong(Collection<String> emails);
}
