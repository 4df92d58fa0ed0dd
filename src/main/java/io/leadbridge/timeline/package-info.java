/**
 * The timeline of a lead: every event, who and when. A module records its decisions on it by publishing a typed
 * {@link io.leadbridge.timeline.LeadEvent} (e.g. {@code HandoffAccepted}), written once the decision has committed and
 * retried from Spring Modulith's event publication registry if it fails (docs/adr/0008); the types not converted yet
 * still publish a {@link io.leadbridge.timeline.LeadActivity}, written in the publisher's transaction.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Timeline")
package io.leadbridge.timeline;
