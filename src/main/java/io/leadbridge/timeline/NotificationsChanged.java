package io.leadbridge.timeline;

import java.util.Set;
import java.util.UUID;

/** Some people's notifications changed (one arrived, or was read): their bells show a new count. */
record NotificationsChanged(UUID tenant, Set<Long> recipients) {}
