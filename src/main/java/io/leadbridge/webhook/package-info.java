/**
 * Outbound webhooks: endpoints an admin registers for some of the workspace's events, and their deliveries. A listener
 * after the commit writes one delivery (with its signed-to-be body) per subscribed endpoint; a scheduled sender claims
 * due deliveries across instances, posts them outside any transaction per the Standard Webhooks convention, retries
 * with backoff and disables an endpoint that keeps failing (docs/adr/0012).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Webhooks")
package io.leadbridge.webhook;
