-- Accounts: people who log in, their sessions, failed logins (for throttling), account events
-- for the audit, and server secrets (the CSRF key) that must survive a restart.
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
  role          TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
  password_hash TEXT NOT NULL,  -- scrypt$N$r$p$salt$hash (base64), never the password
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

-- The cookie holds a random token; only its SHA-256 is stored, so a copy of the database
-- does not hand out live sessions.
CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  ip           TEXT,
  user_agent   TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expires ON sessions(expires_at);

-- One row per failed login; `key` is "account|address" or "address" (see db/login-attempts.ts).
CREATE TABLE login_failures (
  id  INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  at  INTEGER NOT NULL  -- milliseconds since the epoch
);
CREATE INDEX login_failures_key ON login_failures(key, at);

-- Changes that are not concept edits (accounts, roles, passwords), for the audit trail.
CREATE TABLE audit_events (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  target  TEXT,
  summary TEXT NOT NULL,
  before  TEXT,  -- JSON
  after   TEXT   -- JSON
);
CREATE INDEX audit_events_at ON audit_events(at);

CREATE TABLE secrets (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
