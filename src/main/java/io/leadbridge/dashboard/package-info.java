/** The teams' dashboards. Honest empty states until the lead, handoff and dispute modules fill them. */
@org.springframework.modulith.ApplicationModule(displayName = "Dashboards")
package io.leadbridge.dashboard;
