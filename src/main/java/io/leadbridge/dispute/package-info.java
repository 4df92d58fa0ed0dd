/**
 * Disputes and the liaison: marketing contests a rejection with an argument, the liaison upholds or overturns it, and
 * the liaison's desk shows open disputes, escalations and the health of the handoff.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dispute")
package io.leadbridge.dispute;
