package io.leadbridge.handoff;

/** A reason sales may give for rejecting a lead (shown through {@code reason.<code>}); some need a comment. */
public record RejectionReason(String code, boolean commentRequired) {}
