-- The activity feed shows a rep's undone decision too (DECISION_UNDONE), so that other people's feeds do not keep
-- showing "accepted" after an undo. The feed's partial index covers exactly the feed's types (a query naming a type the
-- index leaves out could not use it): built anew with the new type, then swapped in under the old name.
CREATE INDEX lead_event_feed_v2_idx ON lead_event (tenant_id, occurred_at DESC, id DESC)
    WHERE type IN ('HANDED_OFF', 'ACCEPTED', 'REJECTED', 'REASSIGNED', 'DISPUTED', 'DISPUTE_UPHELD',
                   'DISPUTE_OVERTURNED', 'RETURNED_TO_MARKETING', 'DECISION_UNDONE', 'COMMENTED');
DROP INDEX lead_event_feed_idx;
ALTER INDEX lead_event_feed_v2_idx RENAME TO lead_event_feed_idx;
