-- Leads that come back (issue 19): a lead sent again by marketing automation (the API with "onExisting": "update", or
-- an import with "update existing leads") is updated instead of refused. A lead in nurture that qualifies when it
-- comes back is put in front of marketing again: re_engaged_at says when, for the lead list's "re-engaged" filter and
-- the badge on the lead's page.
ALTER TABLE lead ADD COLUMN re_engaged_at timestamptz;

-- The "re-engaged" filter of the lead list: the workspace's leads re-engaged recently, newest first.
CREATE INDEX lead_tenant_re_engaged_idx ON lead (tenant_id, re_engaged_at DESC) WHERE re_engaged_at IS NOT NULL;

-- The check of an import also plans the updates of existing leads, kept with the preview: how many rows match a
-- lead of the workspace by e-mail address, and the first of them with what would change; an import run with "update
-- existing leads" says so, and how many leads it updated.
ALTER TABLE lead_import
    ADD COLUMN rows_existing bigint NOT NULL DEFAULT 0,
    ADD COLUMN updates jsonb NOT NULL DEFAULT '[]'::jsonb,
    ADD COLUMN update_existing boolean NOT NULL DEFAULT false,
    ADD COLUMN updated integer;
