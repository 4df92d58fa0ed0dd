-- The rows of an import's file that its check found valid, kept between the check and the import (issue 21): the
-- check streams them into the database with COPY (through a temporary table: COPY FROM does not write tables with
-- row-level security) and the import writes its leads from here with one INSERT … SELECT per batch, instead of
-- reading, parsing and checking the file a second time and inserting its leads row by row.
-- UNLOGGED: a copy of the uploaded file's rows, rewritten by every check; after a crash PostgreSQL empties it, and an
-- import whose staged rows are gone reads its file again (lead_import.staged_rows tells how many there must be).
CREATE UNLOGGED TABLE lead_import_row (
    tenant_id         uuid          NOT NULL,
    import_id         bigint        NOT NULL,
    line              bigint        NOT NULL,
    erased            boolean       NOT NULL DEFAULT false,
    first_name        varchar(80),
    last_name         varchar(80),
    email             varchar(254)  NOT NULL,
    phone             varchar(40),
    job_title         varchar(120),
    company_name      varchar(200)  NOT NULL,
    website           varchar(255),
    employees         integer,
    industry          varchar(40),
    department        varchar(120),
    country           varchar(2),
    source            varchar(80),
    campaign          varchar(120),
    engagement_score  integer,
    project_planned   boolean       NOT NULL,
    budget_confirmed  boolean       NOT NULL,
    purchase_timeline varchar(20)   NOT NULL,
    external_id       varchar(120),
    legal_basis       varchar(20),
    consent_text      varchar(2000),
    consent_given_at  timestamptz,
    -- No foreign key to lead_import: its check per row doubled the cost of staging 100,000 rows (2.7 s against 1.2 s,
    -- EXPLAIN ANALYZE on the full bench). Imports are never deleted; their staged rows go when they end or expire
    -- (ImportFiles.forget, forget_stale_import_files) or when a person in them is erased (LeadPersonalData).
    PRIMARY KEY (tenant_id, import_id, line)
);
COMMENT ON TABLE lead_import_row IS 'Owned by lead: the checked rows of an import''s file, staged for the import.';
ALTER TABLE lead_import_row ENABLE ROW LEVEL SECURITY;
ALTER TABLE lead_import_row FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON lead_import_row
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON lead_import_row TO leadbridge_app;

-- How many rows the last check staged (null: none, e.g. a preview from before this version): the import writes from
-- the staged rows only when they are all there.
ALTER TABLE lead_import ADD COLUMN staged_rows bigint;

-- The staged rows are the file's personal data too: they go with the file when an import ends or expires.
CREATE OR REPLACE FUNCTION forget_stale_import_files(p_before timestamptz) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
    closed integer;
BEGIN
    UPDATE lead_import SET status = 'FAILED', message = 'import.expiredAfterADay', finished_at = now()
    WHERE status IN ('PREVIEWED', 'ANALYSING') AND created_at < p_before;
    GET DIAGNOSTICS closed = ROW_COUNT;
    DELETE FROM lead_import_part p USING lead_import i
    WHERE i.tenant_id = p.tenant_id AND i.id = p.import_id AND i.status IN ('DONE', 'FAILED');
    DELETE FROM lead_import_row r USING lead_import i
    WHERE i.tenant_id = r.tenant_id AND i.id = r.import_id AND i.status IN ('DONE', 'FAILED');
    RETURN closed;
END
$$;

-- An import writes its leads' trigram entries into the search index's pending list, which it lets grow larger than
-- usual (gin_pending_list_limit, for its transaction only) so that they are merged into the index in a few large
-- sorted passes rather than many small ones; at its end it merges what is left, so that searches do not scan a long
-- pending list. Merging needs the index's owner: this function, which does nothing else.
CREATE FUNCTION merge_lead_search_pending_list() RETURNS bigint
    LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
AS $$ SELECT gin_clean_pending_list('lead_tenant_search_idx'::regclass) $$;
REVOKE ALL ON FUNCTION merge_lead_search_pending_list() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION merge_lead_search_pending_list() TO leadbridge_app;
