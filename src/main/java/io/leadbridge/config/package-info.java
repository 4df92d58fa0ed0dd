/**
 * How the application runs, beyond any one feature: the upkeep of Spring Modulith's event publication registry —
 * retrying the listeners that failed, per workspace ({@link io.leadbridge.config.IncompletePublicationsResubmission}),
 * deleting completed publications after a week ({@link io.leadbridge.config.CompletedPublicationsHousekeeping}), and
 * naming the unfinished ones at shutdown ({@code UnfinishedPublicationsReport}).
 * The one module that may read the infrastructure's own tables ({@code event_publication}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Application upkeep")
package io.leadbridge.config;
