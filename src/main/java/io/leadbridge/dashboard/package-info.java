/**
 * The teams' dashboards: the marketing and sales figures of a period, the scorecard, and the figure cache that keeps
 * them (and the liaison's handoff health) for a minute.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dashboards")
package io.leadbridge.dashboard;
