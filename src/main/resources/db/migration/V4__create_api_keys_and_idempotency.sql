-- API keys for the intake API, and the record of idempotent requests.

-- A key is shown once as lb_<id>_<secret>; only a SHA-256 hash of the (256-bit random) secret is stored.
CREATE TABLE api_key (
    id           uuid         PRIMARY KEY,
    tenant_id    uuid         NOT NULL REFERENCES tenant (id),
    name         varchar(80)  NOT NULL,
    secret_hash  varchar(64)  NOT NULL,
    created_by   bigint,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz,
    revoked_by   bigint,
    CONSTRAINT api_key_tenant_id_key UNIQUE (tenant_id, id),
    CONSTRAINT api_key_created_by_fk FOREIGN KEY (tenant_id, created_by) REFERENCES account (tenant_id, id),
    CONSTRAINT api_key_revoked_by_fk FOREIGN KEY (tenant_id, revoked_by) REFERENCES account (tenant_id, id)
);
CREATE INDEX api_key_tenant_created_idx ON api_key (tenant_id, created_at DESC);

-- One row per Idempotency-Key (or external id) a client sent, written in the transaction that created the lead.
CREATE TABLE idempotent_request (
    tenant_id       uuid         NOT NULL REFERENCES tenant (id),
    idempotency_key varchar(255) NOT NULL,
    request_hash    varchar(64)  NOT NULL,
    response_status integer      NOT NULL,
    response_body   text         NOT NULL,
    location        varchar(255),
    created_at      timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, idempotency_key)
);

ALTER TABLE api_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_key FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_key
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

ALTER TABLE idempotent_request ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotent_request FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON idempotent_request
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON api_key, idempotent_request TO leadbridge_app;

-- Authentication finds a key by its id before any tenant is known: the narrow, reviewed path.
CREATE FUNCTION find_api_key(p_id uuid)
    RETURNS TABLE (tenant_id uuid, name varchar, secret_hash varchar, revoked boolean)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$ SELECT k.tenant_id, k.name, k.secret_hash, k.revoked_at IS NOT NULL FROM api_key k WHERE k.id = p_id $$;
REVOKE ALL ON FUNCTION find_api_key(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION find_api_key(uuid) TO leadbridge_app;
