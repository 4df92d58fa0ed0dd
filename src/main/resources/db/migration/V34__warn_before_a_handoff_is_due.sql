-- A handoff is "due soon" in the last quarter of its response time: the rep is told once, when that quarter begins.
-- due_soon_at is reckoned in the workspace's business hours when the clock starts (like due_at); warned_at marks the
-- warning as given, so that however many instances run the SLA watch, each handoff is warned exactly once.
-- Handoffs written without it (seeded history) are never warned.
ALTER TABLE handoff
    ADD COLUMN due_soon_at timestamptz,
    ADD COLUMN warned_at   timestamptz;

-- Handoffs awaiting a decision today: the last quarter of their wall-clock time, as near as can be told afterwards;
-- those already in it (or overdue) count as warned, so an upgrade sends no burst of stale warnings.
UPDATE handoff SET due_soon_at = due_at - (due_at - handed_at) / 4 WHERE status = 'AWAITING';
UPDATE handoff SET warned_at = now() WHERE status = 'AWAITING' AND due_soon_at <= now();

CREATE INDEX handoff_warning_due_idx ON handoff (due_soon_at) WHERE status = 'AWAITING' AND warned_at IS NULL;

CREATE OR REPLACE FUNCTION workspaces_with_due_handoffs(p_now timestamptz) RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT tenant_id FROM handoff WHERE status = 'AWAITING' AND breached_at IS NULL AND due_at <= p_now
    UNION
    SELECT tenant_id FROM handoff WHERE status = 'AWAITING' AND escalated_at IS NULL AND escalate_at <= p_now
    UNION
    SELECT tenant_id FROM handoff WHERE status = 'AWAITING' AND warned_at IS NULL AND due_soon_at <= p_now
$$;
