package io.leadbridge.lead;

import io.leadbridge.account.SignedInAccount;
import java.util.Map;

/**
 * Another module's part of a lead's page (the funnel's moves, the handoff and its clock): the lead module shows the
 * lead without knowing those modules; each adds what its fragment on the page needs.
 */
public interface LeadPageContributor {

    /** The model attributes this module's fragment on the lead page reads, for this reader. */
    Map<String, Object> contribute(LeadView lead, SignedInAccount reader);
}
