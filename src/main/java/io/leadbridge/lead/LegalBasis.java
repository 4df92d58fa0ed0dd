package io.leadbridge.lead;

/**
 * The legal basis (GDPR Art. 6 (1)) on which the workspace holds a lead, recorded at intake: the person's consent (with
 * its text and time), the workspace's legitimate interest, or a contract. A lead without one has it "not recorded".
 */
public enum LegalBasis {
    CONSENT,
    LEGITIMATE_INTEREST,
    CONTRACT
}
