/**
 * The lead: the record both teams share. Created and edited by marketers (form; later the intake API and CSV), read
 * by every team, with its validation, the duplicate rule and the list with search, filters and keyset paging.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Leads")
package io.leadbridge.lead;
