package io.leadbridge.lead;

/** Who acts on a lead: a person of the workspace, or a named client (an API key) with no person behind it. */
public record Actor(Long personId, String label) {

    public static Actor person(long personId, String name) {
        return new Actor(personId, name);
    }
}
