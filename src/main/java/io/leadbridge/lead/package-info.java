/**
 * The lead: the record both teams share. Created and edited by marketers (the form, the intake API and CSV imports), read
 * by every team, with its validation, the duplicate rule and the list with search, filters and keyset paging.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Leads")
package io.leadbridge.lead;
