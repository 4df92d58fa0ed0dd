-- An uploaded CSV file is kept in parts of at most a mebibyte, read one after another, so checking or importing a
-- 50 MB file never holds it in memory; and its preview (counts, the first problems, encoding, delimiter, header) is
-- computed once per upload or mapping and kept here, instead of parsing the whole file again for every page view.
CREATE TABLE lead_import_part (
    tenant_id uuid    NOT NULL REFERENCES tenant (id),
    import_id bigint  NOT NULL,
    part      integer NOT NULL CHECK (part >= 0),
    bytes     bytea   NOT NULL,
    PRIMARY KEY (tenant_id, import_id, part),
    CONSTRAINT lead_import_part_import_fk FOREIGN KEY (tenant_id, import_id)
        REFERENCES lead_import (tenant_id, id) ON DELETE CASCADE
);
ALTER TABLE lead_import_part ENABLE ROW LEVEL SECURITY;
ALTER TABLE lead_import_part FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON lead_import_part
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON lead_import_part TO leadbridge_app;

INSERT INTO lead_import_part (tenant_id, import_id, part, bytes) SELECT tenant_id, id, 0, content FROM lead_import;
ALTER TABLE lead_import DROP COLUMN content;

ALTER TABLE lead_import
    ADD COLUMN encoding     varchar(20) NOT NULL DEFAULT 'UTF-8',
    ADD COLUMN delimiter    char(1)     NOT NULL DEFAULT ',',
    ADD COLUMN header       jsonb       NOT NULL DEFAULT '[]',
    ADD COLUMN rows_total   bigint      NOT NULL DEFAULT 0,
    ADD COLUMN rows_valid   bigint      NOT NULL DEFAULT 0,
    ADD COLUMN rows_invalid bigint      NOT NULL DEFAULT 0,
    ADD COLUMN rows_done    bigint      NOT NULL DEFAULT 0,
    ADD COLUMN problems     jsonb       NOT NULL DEFAULT '[]',
    ADD COLUMN file_problem varchar(60),
    ADD COLUMN analysed_at  timestamptz,
    -- The language of whoever uploaded it: the preview's reasons are written in it, also when a check is redone.
    ADD COLUMN locale       varchar(20) NOT NULL DEFAULT 'en';

-- ANALYSING: waiting for or in its check (after an upload or a new mapping); the preview shows when it is PREVIEWED.
-- Imports previewed before this migration are checked again (their encoding and header read anew) after the start.
ALTER TABLE lead_import DROP CONSTRAINT lead_import_status_check;
ALTER TABLE lead_import ADD CONSTRAINT lead_import_status_check
    CHECK (status IN ('ANALYSING', 'PREVIEWED', 'RUNNING', 'DONE', 'FAILED'));
UPDATE lead_import SET status = 'ANALYSING' WHERE status = 'PREVIEWED';

-- Recovery at start-up also picks up checks that were waiting or running when the application stopped.
CREATE OR REPLACE FUNCTION running_background_work()
    RETURNS TABLE (kind text, tenant_id uuid, id bigint, version_id bigint, heartbeat_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT 'REEVALUATION', r.tenant_id, r.id, r.version_id, r.heartbeat_at
    FROM criteria_reevaluation r WHERE r.status = 'RUNNING'
    UNION ALL
    SELECT 'IMPORT', i.tenant_id, i.id, NULL, i.created_at
    FROM lead_import i WHERE i.status = 'RUNNING'
    UNION ALL
    SELECT 'IMPORT_CHECK', i.tenant_id, i.id, NULL, i.created_at
    FROM lead_import i WHERE i.status = 'ANALYSING'
$$;
