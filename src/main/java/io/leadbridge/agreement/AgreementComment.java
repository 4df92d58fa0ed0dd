package io.leadbridge.agreement;

import java.time.Instant;

/** A remark on a version; anyone involved, the liaison too, may write one. */
public record AgreementComment(long id, String authorName, String body, Instant createdAt) {}
