-- The shared activity feed: the workspace's latest handoffs, decisions, disputes and comments, newest first.
CREATE INDEX lead_event_feed_idx ON lead_event (tenant_id, occurred_at DESC, id DESC)
    WHERE type IN ('HANDED_OFF', 'ACCEPTED', 'REJECTED', 'REASSIGNED', 'DISPUTED', 'DISPUTE_UPHELD',
                   'DISPUTE_OVERTURNED', 'RETURNED_TO_MARKETING', 'COMMENTED');
