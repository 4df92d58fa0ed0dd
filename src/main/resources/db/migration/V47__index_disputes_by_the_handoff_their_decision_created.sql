-- Deleting a handoff (a lead removed or erased, retention) checks dispute_new_handoff_fk: the disputes whose decision
-- created that handoff. Without an index on the referencing columns every check scanned the workspace's disputes.
-- On the benchmark's data, deleting 300 handoffs of the million-lead workspace: 675 ms in that check before, 2 ms after
-- (2,040 handoffs once took 21.6 s). Partial: most disputes created no handoff, and the check's equality implies a
-- value.
CREATE INDEX dispute_new_handoff_idx ON dispute (tenant_id, new_handoff_id) WHERE new_handoff_id IS NOT NULL;
