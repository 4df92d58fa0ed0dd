-- Privacy by design (issue 20): every lead says where it came from and, when known, on which legal basis (GDPR Art. 6)
-- the workspace holds it.
--
-- origin: FORM (a person of the workspace typed it in: created_by), API (an API key: origin_api_key_id and its name at
-- the time in origin_label), IMPORT (a CSV import: origin_import_id and the file's name in origin_label), SEED (the demo
-- data) or UNKNOWN (a lead from before this migration whose timeline does not tell).
-- legal_basis: CONSENT (then consent_text and consent_given_at say what the person agreed to and when: both required),
-- LEGITIMATE_INTEREST or CONTRACT; null is "not recorded" (leads from before, and intake that did not say).
ALTER TABLE lead
    ADD COLUMN origin             varchar(10)  NOT NULL DEFAULT 'UNKNOWN'
        CONSTRAINT lead_origin_check CHECK (origin IN ('FORM', 'API', 'IMPORT', 'SEED', 'UNKNOWN')),
    ADD COLUMN origin_api_key_id  uuid,
    ADD COLUMN origin_import_id   bigint,
    ADD COLUMN origin_label       varchar(255),
    ADD COLUMN legal_basis        varchar(20)
        CONSTRAINT lead_legal_basis_check CHECK (legal_basis IN ('CONSENT', 'LEGITIMATE_INTEREST', 'CONTRACT')),
    ADD COLUMN consent_text       varchar(2000),
    ADD COLUMN consent_given_at   timestamptz,
    ADD CONSTRAINT lead_consent_complete_check CHECK (
        legal_basis IS DISTINCT FROM 'CONSENT' OR (consent_text IS NOT NULL AND consent_given_at IS NOT NULL));

-- The leads of one import, of one API key (the privacy export finds what a file or a key brought in).
CREATE INDEX lead_tenant_origin_import_idx ON lead (tenant_id, origin_import_id) WHERE origin_import_id IS NOT NULL;
CREATE INDEX lead_tenant_origin_api_key_idx ON lead (tenant_id, origin_api_key_id) WHERE origin_api_key_id IS NOT NULL;

-- Existing leads, as far as their first "created" or "imported" timeline entry tells. The demo seed writes its
-- "created" entries without an actor's label; every real intake writes one (the person's name, or "API: " and the
-- key's name).
WITH first_entry AS (
    SELECT DISTINCT ON (e.tenant_id, e.lead_id)
           e.tenant_id, e.lead_id, e.type, e.actor_id, e.actor_label, e.occurred_at,
           e.details -> 'facts' ->> 'channel' AS channel,
           e.details -> 'facts' ->> 'file'    AS file
    FROM lead_event e
    WHERE e.type IN ('CREATED', 'IMPORTED')
    ORDER BY e.tenant_id, e.lead_id, e.occurred_at, e.id
)
UPDATE lead l
SET origin = CASE
                 WHEN f.type = 'IMPORTED' THEN 'IMPORT'
                 WHEN f.actor_label IS NULL THEN 'SEED'
                 WHEN f.channel = 'API' THEN 'API'
                 WHEN f.channel = 'FORM' THEN 'FORM'
                 ELSE 'UNKNOWN'
             END,
    origin_label = CASE
                       WHEN f.type = 'IMPORTED' THEN left(f.file, 255)
                       WHEN f.channel = 'API' AND f.actor_label LIKE 'API: %' THEN left(substr(f.actor_label, 6), 255)
                   END,
    -- The key by its name, when exactly one key of the workspace bears it.
    origin_api_key_id = CASE
                            WHEN f.type = 'CREATED' AND f.channel = 'API' AND f.actor_label LIKE 'API: %' THEN (
                                SELECT min(k.id::text)::uuid FROM api_key k
                                WHERE k.tenant_id = l.tenant_id AND k.name = substr(f.actor_label, 6)
                                HAVING count(*) = 1)
                        END,
    -- The import by its file, its person and its time: the latest of that person's imports of the file before the entry.
    origin_import_id = CASE
                           WHEN f.type = 'IMPORTED' THEN (
                               SELECT i.id FROM lead_import i
                               WHERE i.tenant_id = l.tenant_id AND i.file_name = f.file
                                 AND i.created_by = f.actor_id AND i.created_at <= f.occurred_at
                               ORDER BY i.created_at DESC, i.id DESC LIMIT 1)
                       END
FROM first_entry f
WHERE f.tenant_id = l.tenant_id AND f.lead_id = l.id;

-- Uploaded files outlive their import by no more than a day (issue 20): an import that ended (done or failed, also one
-- closed as interrupted) loses its file at once (LeadImports) or at the next clean-up here, and a file nobody
-- confirmed (or whose check never ended) within p_before is closed as expired with its file. Several instances may
-- run it at once: the closing update and the delete are idempotent.
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
    RETURN closed;
END
$$;
REVOKE ALL ON FUNCTION forget_stale_import_files(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION forget_stale_import_files(timestamptz) TO leadbridge_app;
