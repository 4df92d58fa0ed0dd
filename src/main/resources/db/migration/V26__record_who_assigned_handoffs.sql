-- Who gave a handoff to its rep: the marketer for a first handoff (handed_by, so NULL here), the person who reassigned
-- it, or the liaison whose decision on a dispute handed the lead back. A handed-back handoff read "Handed to Sara by
-- Mia Marketing" at the time of the liaison's decision (issue 16). The table keeps its row-level security and grants.
ALTER TABLE handoff ADD COLUMN assigned_by bigint;
ALTER TABLE handoff
    ADD CONSTRAINT handoff_assigned_by_fk FOREIGN KEY (tenant_id, assigned_by) REFERENCES account (tenant_id, id)
    NOT VALID;

-- Handoffs already handed back by a liaison's decision: the deciding liaison.
UPDATE handoff h SET assigned_by = d.decided_by
FROM dispute d
WHERE d.tenant_id = h.tenant_id AND d.new_handoff_id = h.id AND d.decided_by IS NOT NULL;

-- Checked after the fill, without holding the lock that blocks writes to handoff while every row is checked.
ALTER TABLE handoff VALIDATE CONSTRAINT handoff_assigned_by_fk;
