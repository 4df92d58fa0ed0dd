-- Leads, the industries a workspace files them under, and their timeline.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- The workspace's list of industries; every workspace starts with the default list.
CREATE TABLE industry (
    tenant_id uuid        NOT NULL REFERENCES tenant (id),
    code      varchar(40) NOT NULL,
    position  integer     NOT NULL,
    PRIMARY KEY (tenant_id, code),
    CONSTRAINT industry_code_format CHECK (code ~ '^[A-Z][A-Z0-9_]*$')
);

INSERT INTO industry (tenant_id, code, position)
SELECT t.id, d.code, d.position
FROM tenant t
CROSS JOIN (VALUES ('AGRICULTURE', 1), ('CONSTRUCTION', 2), ('EDUCATION', 3), ('ENERGY', 4), ('FINANCE', 5),
                   ('HEALTHCARE', 6), ('LOGISTICS', 7), ('MANUFACTURING', 8), ('MEDIA', 9), ('PUBLIC_SECTOR', 10),
                   ('RETAIL', 11), ('SOFTWARE', 12), ('TELECOM', 13), ('OTHER', 14)) AS d (code, position);

CREATE SEQUENCE lead_id_seq INCREMENT BY 50;

CREATE TABLE lead (
    id                bigint       NOT NULL DEFAULT nextval('lead_id_seq') PRIMARY KEY,
    tenant_id         uuid         NOT NULL REFERENCES tenant (id),
    first_name        varchar(80),
    last_name         varchar(80),
    email             varchar(254) NOT NULL,
    phone             varchar(40),
    job_title         varchar(120),
    company_name      varchar(200) NOT NULL,
    website           varchar(255),
    employees         integer      CHECK (employees >= 1),
    industry          varchar(40),
    department        varchar(120),
    country           varchar(2)   CHECK (country ~ '^[A-Z]{2}$'),
    source            varchar(80),
    campaign          varchar(120),
    engagement_score  integer      CHECK (engagement_score BETWEEN 0 AND 100),
    project_planned   boolean      NOT NULL DEFAULT false,
    budget_confirmed  boolean      NOT NULL DEFAULT false,
    purchase_timeline varchar(20)  NOT NULL DEFAULT 'UNKNOWN'
        CHECK (purchase_timeline IN ('NOW', 'THIS_QUARTER', 'THIS_YEAR', 'UNKNOWN')),
    external_id       varchar(120),
    stage             varchar(40)  NOT NULL DEFAULT 'NEW_INQUIRY',
    owner_id          bigint,
    deal_value        numeric(14, 2) CHECK (deal_value >= 0),
    submission_key    uuid,
    created_by        bigint,
    created_at        timestamptz  NOT NULL DEFAULT now(),
    updated_at        timestamptz  NOT NULL DEFAULT now(),
    version           bigint       NOT NULL DEFAULT 0,
    -- What search looks in, kept by the database.
    search_text       text GENERATED ALWAYS AS (lower(
        coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || company_name || ' ' || email)) STORED,
    CONSTRAINT lead_tenant_id_key UNIQUE (tenant_id, id),
    CONSTRAINT lead_industry_fk FOREIGN KEY (tenant_id, industry) REFERENCES industry (tenant_id, code),
    CONSTRAINT lead_owner_fk FOREIGN KEY (tenant_id, owner_id) REFERENCES account (tenant_id, id),
    CONSTRAINT lead_created_by_fk FOREIGN KEY (tenant_id, created_by) REFERENCES account (tenant_id, id)
);
ALTER SEQUENCE lead_id_seq OWNED BY lead.id;

-- One lead per e-mail address in a workspace; one per external id; one per submitted form.
CREATE UNIQUE INDEX lead_email_key ON lead (tenant_id, lower(email));
CREATE UNIQUE INDEX lead_external_id_key ON lead (tenant_id, external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX lead_submission_key ON lead (tenant_id, submission_key) WHERE submission_key IS NOT NULL;

-- The list: newest first, optionally by stage, owner or source; keyset paging on (sort key, id).
CREATE INDEX lead_tenant_created_idx ON lead (tenant_id, created_at DESC, id DESC);
CREATE INDEX lead_tenant_stage_created_idx ON lead (tenant_id, stage, created_at DESC, id DESC);
CREATE INDEX lead_tenant_owner_created_idx ON lead (tenant_id, owner_id, created_at DESC, id DESC);
CREATE INDEX lead_tenant_source_created_idx ON lead (tenant_id, source, created_at DESC, id DESC);
CREATE INDEX lead_tenant_company_idx ON lead (tenant_id, lower(company_name), id);
CREATE INDEX lead_tenant_score_idx ON lead (tenant_id, coalesce(engagement_score, -1) DESC, id DESC);
-- Search by any part of a name, company or e-mail.
CREATE INDEX lead_tenant_search_idx ON lead USING gin (tenant_id, search_text gin_trgm_ops);

-- The timeline: every event on a lead, who and when.
CREATE SEQUENCE lead_event_id_seq INCREMENT BY 50;
CREATE TABLE lead_event (
    id          bigint      NOT NULL DEFAULT nextval('lead_event_id_seq') PRIMARY KEY,
    tenant_id   uuid        NOT NULL,
    lead_id     bigint      NOT NULL,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    actor_id    bigint,
    actor_label varchar(120),
    type        varchar(40) NOT NULL,
    details     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    CONSTRAINT lead_event_lead_fk FOREIGN KEY (tenant_id, lead_id) REFERENCES lead (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT lead_event_actor_fk FOREIGN KEY (tenant_id, actor_id) REFERENCES account (tenant_id, id)
);
ALTER SEQUENCE lead_event_id_seq OWNED BY lead_event.id;
CREATE INDEX lead_event_lead_idx ON lead_event (tenant_id, lead_id, occurred_at DESC, id DESC);

ALTER TABLE industry ENABLE ROW LEVEL SECURITY;
ALTER TABLE industry FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON industry
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

ALTER TABLE lead ENABLE ROW LEVEL SECURITY;
ALTER TABLE lead FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON lead
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

ALTER TABLE lead_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE lead_event FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON lead_event
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON industry, lead, lead_event TO leadbridge_app;
GRANT USAGE, SELECT ON SEQUENCE lead_id_seq, lead_event_id_seq TO leadbridge_app;

-- A workspace's time zone, for formatting outside a transaction; answers only the zone.
CREATE FUNCTION tenant_time_zone(p_tenant uuid) RETURNS varchar
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$ SELECT time_zone FROM tenant WHERE id = p_tenant $$;
REVOKE ALL ON FUNCTION tenant_time_zone(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tenant_time_zone(uuid) TO leadbridge_app;
