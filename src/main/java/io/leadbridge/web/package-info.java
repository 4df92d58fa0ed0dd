/**
 * The shell every page shares: layout advice, language, error pages and the home redirect. Uses no feature (the figure
 * cache keys its entries by the current workspace, from tenancy).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web shell")
package io.leadbridge.web;
