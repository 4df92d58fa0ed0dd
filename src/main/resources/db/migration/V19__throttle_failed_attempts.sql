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

-- A browser a person signed in with before: a random token in a cookie, stored here as its hash, with the account it
-- signed in to. A sign-in from such a browser to that account is throttled on its own, so a stranger's failed guesses
-- do not keep the owner out; it proves nothing for any other account (not even one of the same e-mail address in
-- another workspace). At most 20 browsers are kept per account; a row is forgotten after 180 days.
CREATE TABLE trusted_browser (
    token_hash bytea       NOT NULL CHECK (length(token_hash) = 32),
    account_id bigint      NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (token_hash, account_id)
);
CREATE INDEX trusted_browser_account_idx ON trusted_browser (account_id, expires_at DESC);
CREATE INDEX trusted_browser_expires_idx ON trusted_browser (expires_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON throttle, trusted_browser TO leadbridge_app;
