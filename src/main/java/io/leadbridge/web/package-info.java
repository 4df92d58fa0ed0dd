/**
 * The shell every page shares: layout advice, language, error pages and the home redirect. Uses no feature.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web shell")
package io.leadbridge.web;
