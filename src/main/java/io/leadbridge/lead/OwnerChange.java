package io.leadbridge.lead;

/** Who owns the lead after a move: unchanged, nobody (back with a team), or a person. */
public record OwnerChange(boolean change, Long ownerId) {

    public static OwnerChange keep() {
        return new OwnerChange(false, null);
    }

    public static OwnerChange clear() {
        return new OwnerChange(true, null);
    }

    public static OwnerChange to(long ownerId) {
        return new OwnerChange(true, ownerId);
    }
}
