/**
 * The handoff from marketing to sales: a lead handed to a rep (chosen, or by round-robin), the rep's accept or reject
 * with a reason, the SLA clock in business hours, breaches and escalations, and the rep's queue.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Handoff")
package io.leadbridge.handoff;
