package io.leadbridge.timeline;

import java.util.UUID;

/**
 * A person commented on a lead: on its timeline with the start of the {@code comment} (at most 280 characters).
 * {@code authorId} wrote it.
 */
public record CommentAdded(UUID tenantId, long leadId, long authorId, String comment) implements LeadEvent {

    @Override
    public Long actorId() {
        return authorId;
    }

    @Override
    public String actorLabel() {
        return null;
    }

    @Override
    public String timelineType() {
        return Comments.COMMENTED;
    }
}
