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
 */
@org.springframework.modulith.ApplicationModule(displayName = "Privacy")
package io.leadbridge.privacy;
