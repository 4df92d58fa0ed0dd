-- A rep's accept or reject can be undone for a few seconds (HandoffManagement.undo). The undo puts back exactly what the
-- decision changed, and only while nothing happened to the lead since: so the decision remembers the lead's owner
-- before it and the lead's version right after it. Both stay null for decisions made before this migration (they are
-- long past the undo window) and are cleared again by an undo. The table keeps its row-level security (V9).
ALTER TABLE handoff ADD COLUMN owner_before_decision bigint;
ALTER TABLE handoff ADD COLUMN lead_version_after_decision bigint;
