/**
 * The timeline of a lead: every event, who and when. A module records its decisions on it by publishing a typed
 * past-tense record at its own root that implements {@link io.leadbridge.timeline.LeadEvent} (e.g.
 * {@code HandoffAccepted}, {@code LeadCreated}, {@code DisputeUpheld}; this module's own {@link
 * io.leadbridge.timeline.CommentAdded}), or {@link io.leadbridge.timeline.LeadsEvent} for many leads at once (an
 * import). {@link io.leadbridge.timeline.Timeline} writes the entry once the decision has committed, synchronously on
 * the committing thread, with the record's scalar components as the entry's facts; Spring Modulith's event
 * publication registry retries it if it fails (docs/adr/0008). The activity feed announces the entries of its types
 * after they are written. Notifications are written by the deciding modules' listeners after the commit (e.g. {@code
 * handoff.HandoffNotifications}); a comment's mentions are notified in the comment's transaction. Every
 * notification's message key belongs to a {@link io.leadbridge.timeline.NotificationKind}, and {@link
 * io.leadbridge.timeline.Notifications#notify} publishes {@link io.leadbridge.timeline.PeopleNotified} in the same
 * transaction, for what else reaches the people after the commit (the mail module's mails).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Timeline")
package io.leadbridge.timeline;
