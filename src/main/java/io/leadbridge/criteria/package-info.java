/**
 * The ideal-customer criteria both teams agreed on (an agreement of kind CRITERIA), the evaluation of every lead
 * against the active version (in SQL, criterion by criterion), background re-evaluation and the what-if preview.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Criteria")
package io.leadbridge.criteria;
