/**
 * How the application runs, beyond any one feature: the upkeep of Spring Modulith's event publication registry —
 * retrying the listeners that failed, per workspace ({@link io.leadbridge.config.IncompletePublicationsResubmission}),
 * deleting completed publications after a week ({@link io.leadbridge.config.CompletedPublicationsHousekeeping}), and
 * naming the unfinished ones at shutdown ({@code UnfinishedPublicationsReport}), and their backlog as a gauge and in
 * readiness ({@code EventPublicationsBacklog}). And what an operator needs around the features: the management port's
 * own security chain ({@code ManagementServerSecurity}), health and its probes on the public port ({@code
 * web.HealthProbes}), the request's id and workspace in every log line ({@code RequestLogContext}).
 * The one module that may read the infrastructure's own tables ({@code event_publication}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Application upkeep")
package io.leadbridge.config;
