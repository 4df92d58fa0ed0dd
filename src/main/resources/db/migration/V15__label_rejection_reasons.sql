-- A workspace's own rejection reasons: the admin adds reasons with a label of their own (the defaults keep their
-- translated names), switches any reason on or off and decides which need a comment. Reasons are never deleted:
-- rejections made with them keep their label.
ALTER TABLE rejection_reason ADD COLUMN label varchar(80);
ALTER TABLE rejection_reason
    ADD CONSTRAINT rejection_reason_custom_label CHECK (code NOT LIKE 'CUSTOM\_%' OR label IS NOT NULL);
CREATE UNIQUE INDEX rejection_reason_label_key ON rejection_reason (tenant_id, lower(label)) WHERE label IS NOT NULL;
