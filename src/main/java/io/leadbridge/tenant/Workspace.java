package io.leadbridge.tenant;

import java.util.UUID;

/** What other modules may know of a tenant. */
public record Workspace(UUID id, String slug, String name, String defaultLocale, String timeZone) {}
