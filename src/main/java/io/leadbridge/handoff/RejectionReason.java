package io.leadbridge.handoff;

/**
 * A reason sales may give for rejecting a lead, with its label in the reader's language (the built-in reasons' from
 * {@code reason.<code>}, a workspace's own as written); some need a comment.
 */
public record RejectionReason(String code, boolean commentRequired, String label) {}
