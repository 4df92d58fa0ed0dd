/**
 * The figures an operator watches, as Micrometer meters named {@code leadbridge.*} (scraped at {@code
 * /actuator/prometheus} on the management port): handoffs made, decisions, SLA breaches, escalations, disputes opened
 * and decided ({@link io.leadbridge.metrics.DecisionMeters}, counted from the modules' typed events once their
 * transaction has committed) and intake API requests by outcome ({@code IntakeMeters}). No meter carries a workspace:
 * an instance serves thousands, and a label per workspace would multiply every series by them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Operator's figures")
package io.leadbridge.metrics;
