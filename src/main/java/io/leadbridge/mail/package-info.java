/**
 * E-mail notifications (issue 19). It listens to {@link io.leadbridge.timeline.PeopleNotified} after the commit and,
 * as each person chose per {@link io.leadbridge.timeline.NotificationKind} ({@link MailPreferences}), writes a mail to
 * send now into its outbox ({@link MailOutbox}), keeps the notification for the person's daily digest
 * ({@link DailyDigests}), or does nothing. {@link MailSending} sends what is due on every instance, each mail once
 * (claimed with {@code FOR UPDATE SKIP LOCKED} and a lease), retried with backoff. Without a mail server configured the
 * mails are kept as "not configured", to be sent again from {@code /admin/deliveries}. Every mail carries a signed
 * one-click unsubscribe link for its kind ({@link UnsubscribeLinks}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Mail")
package io.leadbridge.mail;
