/**
 * A person's data under the GDPR (issue 20): find a person by e-mail across the workspace, export everything held about
 * them (Art. 15/20) and erase them (Art. 17). The module reads no other module's tables: every module that holds
 * personal data about leads implements {@link io.leadbridge.privacy.PersonalData} for its own tables, and the lead
 * module answers {@link io.leadbridge.privacy.PersonFinder}. An erasure runs through all of them in one transaction
 * and leaves a {@code person_tombstone} with a keyed hash of the e-mail; each export is written to the access log
 * ({@code person_export}). See docs/adr/0015.
 *
 * <p>Retention ({@link io.leadbridge.privacy.RetentionManagement}, {@code RetentionJob}) anonymises, by the same path,
 * the leads the lead module names as untouched for the workspace's set months
 * ({@link io.leadbridge.privacy.RetentionCandidates}), once a day and once across instances, and logs their ids in
 * {@code retention_run}. See docs/adr/0016.
 *
 * <p>It also keeps the access log of lead list exports ({@code lead_export}, {@link io.leadbridge.privacy.LeadExportLog},
 * written by the lead module's CSV export) and answers {@link io.leadbridge.privacy.ErasedPeople} for the lead module's
 * intake, which warns instead of silently recreating an erased person. Both are APIs the lead module calls: the lead
 * module already depends on this one (it implements {@code PersonFinder} and {@code PersonalData}), so the reverse
 * direction (an interface of the lead module implemented here, or an event of the lead module listened to here) would
 * make a cycle.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Privacy")
package io.leadbridge.privacy;
