/**
 * The shared scoreboard: one revenue goal and one bonus pool per period for both teams, progress from won leads'
 * deal values, and each team's share of the bonus under the rule the admin sets.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Goal")
package io.leadbridge.goal;
