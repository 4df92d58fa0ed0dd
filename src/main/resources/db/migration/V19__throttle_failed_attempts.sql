-- Failed attempts at signing in, signing up and presenting API keys, counted in the database so that every instance
-- counts the same and nothing a stranger sends grows an instance's memory. A subject (an e-mail address, a client
-- address, a trusted browser) is stored as its SHA-256 hash: 32 bytes, however long the text someone sent. A row is
-- forgotten an hour after its last failure (expires_at) and deleted by the account module's clean-up.
CREATE TABLE throttle (
    scope         varchar(20) NOT NULL,
    subject       bytea       NOT NULL CHECK (length(subject) = 32),
    failures      integer     NOT NULL CHECK (failures >= 0),
    last_failure  timestamptz NOT NULL,
    blocked_until timestamptz,
    expires_at    timestamptz NOT NULL,
    PRIMARY KEY (scope, subject)
);
CREATE INDEX throttle_expires_idx ON throttle (expires_at);

-- A browser a person signed in with before (a random token in a cookie, stored here as its hash, with the hash of the
-- e-mail it signed in as). Such a browser is throttled on its own, so a stranger's failed guesses at an account do
-- not keep its owner out.
CREATE TABLE trusted_browser (
    token_hash bytea       PRIMARY KEY CHECK (length(token_hash) = 32),
    email_hash bytea       NOT NULL CHECK (length(email_hash) = 32),
    expires_at timestamptz NOT NULL
);
CREATE INDEX trusted_browser_expires_idx ON trusted_browser (expires_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON throttle, trusted_browser TO leadbridge_app;
