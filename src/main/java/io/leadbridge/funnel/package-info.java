/**
 * The funnel both teams agreed on (an agreement of kind FUNNEL): its stages, who owns each, the exit criteria and
 * response times; and the moves of a lead between stages, made only by the team that owns the stage it is in.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Funnel")
package io.leadbridge.funnel;
