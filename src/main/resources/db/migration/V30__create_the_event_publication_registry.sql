-- Spring Modulith's event publication registry (issue 17, docs/adr/0008): every event a listener handles after the
-- commit is stored here in the publisher's transaction and marked completed when its listener succeeded, so a failed
-- listener is retried, not lost. The schema is the one Spring Modulith 2.0.3 ships for PostgreSQL
-- (org/springframework/modulith/events/jdbc/schemas/v2/schema-postgresql.sql); Modulith's own schema initialisation is
-- off, Flyway owns the schema.
CREATE TABLE IF NOT EXISTS event_publication
(
  id                     UUID NOT NULL,
  listener_id            TEXT NOT NULL,
  event_type             TEXT NOT NULL,
  serialized_event       TEXT NOT NULL,
  publication_date       TIMESTAMP WITH TIME ZONE NOT NULL,
  completion_date        TIMESTAMP WITH TIME ZONE,
  status                 TEXT,
  completion_attempts    INT,
  last_resubmission_date TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS event_publication_serialized_event_hash_idx ON event_publication USING hash(serialized_event);
CREATE INDEX IF NOT EXISTS event_publication_by_completion_date_idx ON event_publication (completion_date);

COMMENT ON TABLE event_publication IS 'Owned by infrastructure: Spring Modulith''s event publication registry.';

-- No row-level security: a publication belongs to no one workspace's data model, and the resubmission of incomplete
-- publications reads across workspaces (each event names its workspace; its listener works in that workspace only).
GRANT SELECT, INSERT, UPDATE, DELETE ON event_publication TO leadbridge_app;
