-- The benchmark's own bookkeeping, in a schema of its own (never touched by the application or its migrations):
-- the workspaces the generator filled and how, and a scratch table for the plain COPY next to the CSV import.
CREATE SCHEMA IF NOT EXISTS bench;

CREATE TABLE IF NOT EXISTS bench.workspace (
    ord         integer PRIMARY KEY,          -- 0 is the large workspace
    tenant_id   uuid    NOT NULL UNIQUE,
    domain      text    NOT NULL,             -- people sign in as <who>@<domain>
    leads       integer NOT NULL,
    n_marketers integer NOT NULL,
    n_reps      integer NOT NULL,
    admin_id    bigint  NOT NULL,
    marketers   bigint[],
    reps        bigint[],
    liaison_id  bigint,
    criteria_version_id bigint,
    api_key     text                          -- lb_<id>_<secret>, usable against the intake API
);

CREATE TABLE IF NOT EXISTS bench.meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);
