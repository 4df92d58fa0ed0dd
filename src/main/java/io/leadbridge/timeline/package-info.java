/**
 * The timeline of a lead: every event, who and when. Any module records on it by publishing a {@link
 * io.leadbridge.timeline.LeadActivity}; the entry is written in the publisher's transaction, so it exists exactly when
 * the change it describes does.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Timeline")
package io.leadbridge.timeline;
