-- Signed-in sessions live in PostgreSQL (issue 18), so a restart signs nobody out and every instance serves every
-- person. The schema is the one Spring Session JDBC 4.0 ships for PostgreSQL
-- (org/springframework/session/jdbc/schema-postgresql.sql); Spring Session's own schema initialisation is off, Flyway
-- owns the schema. PRINCIPAL_NAME holds the workspace and the account (io.leadbridge.account.SessionConfiguration), not
-- the e-mail address, which may have accounts in several workspaces.
--
-- Two changes to that schema, because every request writes its session's last access:
-- - The tables are UNLOGGED: a session's write needs no WAL and its commit no flush to disk. The price: after a crash of
--   PostgreSQL (not a clean restart) and on a promoted replica, the tables are empty and everybody signs in again.
-- - No index on expiry_time, and room on each page (fillfactor 50): the write changes no indexed column, so PostgreSQL
--   updates the row in place (HOT) instead of adding an entry to every index per request. The clean-up of expired
--   sessions (once a minute) reads the table, which holds the sessions of the last half hour or so.
CREATE UNLOGGED TABLE spring_session (
    primary_id            CHAR(36) NOT NULL,
    session_id            CHAR(36) NOT NULL,
    creation_time         BIGINT NOT NULL,
    last_access_time      BIGINT NOT NULL,
    max_inactive_interval INT NOT NULL,
    expiry_time           BIGINT NOT NULL,
    principal_name        VARCHAR(100),
    CONSTRAINT spring_session_pk PRIMARY KEY (primary_id)
) WITH (fillfactor = 50);

CREATE UNIQUE INDEX spring_session_ix1 ON spring_session (session_id);
CREATE INDEX spring_session_ix3 ON spring_session (principal_name);

CREATE UNLOGGED TABLE spring_session_attributes (
    session_primary_id CHAR(36) NOT NULL,
    attribute_name     VARCHAR(200) NOT NULL,
    attribute_bytes    BYTEA NOT NULL,
    CONSTRAINT spring_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT spring_session_attributes_fk FOREIGN KEY (session_primary_id) REFERENCES spring_session (primary_id)
        ON DELETE CASCADE
);

COMMENT ON TABLE spring_session IS 'Owned by infrastructure: Spring Session''s sessions of the browsers, signed in or not.';
COMMENT ON TABLE spring_session_attributes IS 'Owned by infrastructure: Spring Session''s attributes of each session.';

-- No row-level security: a session exists before its browser is signed in to any workspace, and is looked up by its
-- cookie alone.
GRANT SELECT, INSERT, UPDATE, DELETE ON spring_session, spring_session_attributes TO leadbridge_app;
