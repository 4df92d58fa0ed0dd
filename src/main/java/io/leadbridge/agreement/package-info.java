/**
 * Agreements between marketing and sales: versioned documents (the criteria of a good lead, and the funnel) that
 * one team proposes and the other approves. Draft → proposed → active (the previous one superseded) or declined /
 * withdrawn; exactly one active version per kind, guaranteed by the database.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Agreements")
package io.leadbridge.agreement;
