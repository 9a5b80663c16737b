-- Ids users see are never handed out twice (issue 13): without AUTOINCREMENT SQLite gives a new
-- row max(rowid) + 1, so deleting the newest concept and creating another gave the new one the
-- old id, its history and its "Undo delete". Each table is rebuilt with AUTOINCREMENT (SQLite
-- cannot add it in place), copying rows with their ids; db/migrate.ts turns foreign keys off
-- around migrations and checks them before commit, so the copies cascade nothing.
-- The sequences start above every id still mentioned anywhere (history outlives its concept),
-- so a concept deleted before this migration does not lend its id either.

CREATE TABLE concepts_005 (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  external_id TEXT UNIQUE,
  subject     TEXT,
  definition  TEXT,
  note        TEXT,
  extra       TEXT NOT NULL DEFAULT '[]',   -- JSON: unknown TBX data categories, kept for export
  version     INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
INSERT INTO concepts_005 (id, external_id, subject, definition, note, extra, version, created_at, updated_at)
  SELECT id, external_id, subject, definition, note, extra, version, created_at, updated_at FROM concepts;
DROP TABLE concepts;
ALTER TABLE concepts_005 RENAME TO concepts;
CREATE INDEX concepts_subject ON concepts(subject);

CREATE TABLE terms_005 (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  concept_id     INTEGER NOT NULL REFERENCES concepts(id) ON DELETE CASCADE,
  position       INTEGER NOT NULL,
  text           TEXT NOT NULL CHECK (length(trim(text)) > 0),
  lang           TEXT NOT NULL,
  region         TEXT,
  status         TEXT NOT NULL CHECK (status IN ('preferred', 'admitted', 'deprecated', 'forbidden')),
  type           TEXT CHECK (type IS NULL OR type IN ('fullForm', 'abbreviation', 'acronym', 'shortForm', 'variant')),
  part_of_speech TEXT,
  source         TEXT,
  note           TEXT,
  context        TEXT,
  extra          TEXT NOT NULL DEFAULT '[]',
  external_id    TEXT,  -- the term's id in the file it was imported from (migration 004)
  status_source  TEXT   -- its status as written there (migration 004)
);
INSERT INTO terms_005 (id, concept_id, position, text, lang, region, status, type, part_of_speech, source, note, context, extra, external_id, status_source)
  SELECT id, concept_id, position, text, lang, region, status, type, part_of_speech, source, note, context, extra, external_id, status_source FROM terms;
DROP TABLE terms;
ALTER TABLE terms_005 RENAME TO terms;
CREATE INDEX terms_concept ON terms(concept_id, position);
CREATE INDEX terms_lang_text ON terms(lang, text);
CREATE INDEX terms_text ON terms(text);

-- No foreign key to concepts: the history of a deleted concept must outlive it.
CREATE TABLE concept_history_005 (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  concept_id INTEGER NOT NULL,
  version    INTEGER NOT NULL,
  action     TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore')),
  actor      TEXT NOT NULL,
  at         TEXT NOT NULL,
  summary    TEXT NOT NULL,
  before     TEXT,  -- JSON ConceptSnapshot, NULL for create
  after      TEXT   -- JSON ConceptSnapshot, NULL for delete
);
INSERT INTO concept_history_005 (id, concept_id, version, action, actor, at, summary, before, after)
  SELECT id, concept_id, version, action, actor, at, summary, before, after FROM concept_history;
DROP TABLE concept_history;
ALTER TABLE concept_history_005 RENAME TO concept_history;
CREATE INDEX concept_history_concept ON concept_history(concept_id, id);
CREATE INDEX concept_history_at ON concept_history(at);

CREATE TABLE users_005 (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  name          TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
  role          TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
  password_hash TEXT NOT NULL,  -- scrypt$N$r$p$salt$hash (base64), never the password
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
INSERT INTO users_005 (id, name, role, password_hash, created_at, updated_at)
  SELECT id, name, role, password_hash, created_at, updated_at FROM users;
DROP TABLE users;
ALTER TABLE users_005 RENAME TO users;

CREATE TABLE audit_events_005 (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  at      TEXT NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  target  TEXT,
  summary TEXT NOT NULL,
  before  TEXT,  -- JSON
  after   TEXT   -- JSON
);
INSERT INTO audit_events_005 (id, at, actor, action, target, summary, before, after)
  SELECT id, at, actor, action, target, summary, before, after FROM audit_events;
DROP TABLE audit_events;
ALTER TABLE audit_events_005 RENAME TO audit_events;
CREATE INDEX audit_events_at ON audit_events(at);

CREATE TABLE candidate_documents_005 (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  name       TEXT NOT NULL,
  chars      INTEGER NOT NULL,
  script     TEXT NOT NULL,
  actor      TEXT NOT NULL,
  created_at TEXT NOT NULL
);
INSERT INTO candidate_documents_005 (id, name, chars, script, actor, created_at)
  SELECT id, name, chars, script, actor, created_at FROM candidate_documents;
DROP TABLE candidate_documents;
ALTER TABLE candidate_documents_005 RENAME TO candidate_documents;

CREATE TABLE candidates_005 (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id INTEGER NOT NULL REFERENCES candidate_documents(id) ON DELETE CASCADE,
  key         TEXT NOT NULL,             -- folded primary form
  kind        TEXT NOT NULL,
  forms       TEXT NOT NULL,             -- JSON CandidateForm[]
  evidence    TEXT NOT NULL,             -- JSON Evidence[]
  score       REAL NOT NULL,
  frequency   INTEGER NOT NULL,
  subject     TEXT,
  known_concept_id INTEGER,              -- the concept that already has some of the forms
  status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'merged', 'rejected')),
  concept_id  INTEGER,                   -- the concept created or merged into
  decided_by  TEXT,
  decided_at  TEXT,
  created_at  TEXT NOT NULL,
  UNIQUE (document_id, key)
);
INSERT INTO candidates_005 (id, document_id, key, kind, forms, evidence, score, frequency, subject, known_concept_id, status, concept_id, decided_by, decided_at, created_at)
  SELECT id, document_id, key, kind, forms, evidence, score, frequency, subject, known_concept_id, status, concept_id, decided_by, decided_at, created_at FROM candidates;
DROP TABLE candidates;
ALTER TABLE candidates_005 RENAME TO candidates;
CREATE INDEX candidates_status ON candidates(status, score DESC);
CREATE INDEX candidates_key ON candidates(key);

-- Where each sequence starts: above every id a row still has or any record still names.
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence (name, seq) VALUES
  ('concepts', (SELECT max(m) FROM (
     SELECT coalesce(max(id), 0) AS m FROM concepts
     UNION ALL SELECT coalesce(max(concept_id), 0) FROM concept_history
     UNION ALL SELECT coalesce(max(concept_id), 0) FROM candidates
     UNION ALL SELECT coalesce(max(known_concept_id), 0) FROM candidates))),
  ('terms', (SELECT coalesce(max(id), 0) FROM terms)),
  ('concept_history', (SELECT coalesce(max(id), 0) FROM concept_history)),
  ('users', (SELECT coalesce(max(id), 0) FROM users)),
  ('audit_events', (SELECT coalesce(max(id), 0) FROM audit_events)),
  ('candidate_documents', (SELECT max(m) FROM (
     SELECT coalesce(max(id), 0) AS m FROM candidate_documents
     UNION ALL SELECT coalesce(max(document_id), 0) FROM candidates))),
  ('candidates', (SELECT coalesce(max(id), 0) FROM candidates));
