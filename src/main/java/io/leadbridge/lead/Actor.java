package io.leadbridge.lead;

import java.util.UUID;

/**
 * Who acts on a lead: a person of the workspace, or a named client (an API key, {@code apiKeyId}) with no person behind
 * it.
 */
public record Actor(Long personId, String label, UUID apiKeyId) {

    /** The label an API key acts under: its name, after this prefix. */
    public static final String API_PREFIX = "API: ";

    public Actor(Long personId, String label) {
        this(personId, label, null);
    }

    public static Actor person(long personId, String name) {
        return new Actor(personId, name, null);
    }

    /** A program calling the API with the workspace's key {@code keyId}, named {@code keyName}. */
    public static Actor client(UUID keyId, String keyName) {
        return new Actor(null, API_PREFIX + keyName, keyId);
    }

    /** The API key's name, for a client; null for a person. */
    String apiKeyName() {
        return label != null && label.startsWith(API_PREFIX) && personId == null
                ? label.substring(API_PREFIX.length())
                : null;
    }
}
